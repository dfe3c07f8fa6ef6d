"""Import sale orders (plain and route orders) from CSV or XML files.

The formats are documented in ``readme/IMPORT.md``. The import is all or
nothing: every row is validated first, all problems are reported together and
nothing is created while there is one. Orders already imported (same customer
order reference for the same customer) are skipped, so a file can be imported
again safely.
"""

import codecs
import csv
import io
import itertools
import logging
import math
import re
from datetime import datetime

import psycopg2
import pytz
from lxml import etree

from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize
from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_BYTES_PARAM = "route_orders.import_max_bytes"
XSD_PATH = "route_orders/static/import/route_orders.xsd"
DECODE_CHUNK = 64 * 1024

# Options of every XML parser of this module: no entity expansion, no network,
# no DTD (documents with a DOCTYPE are refused before parsing anyway).
SAFE_XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}
DOCTYPE_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
XML_ENCODING_DECLARED_RE = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=", re.IGNORECASE)

ORDER_COLUMNS = ("order_type", "transport", "route", "route_date")
LINE_COLUMNS = ("product", "quantity", "price", "description")
STOP_COLUMNS = (
    "stop_kind",
    "site",
    "street",
    "street2",
    "zip",
    "city",
    "country",
    "date",
    "time_from",
    "time_to",
    "tz",
    "contact_name",
    "contact_phone",
    "contact_email",
    "instructions",
)
GOODS_COLUMNS = (
    "goods_description",
    "packaging",
    "goods_product",
    "goods_quantity",
    "weight",
    "length",
    "width",
    "height",
    "deliver_to",
)
CSV_COLUMNS = (
    "order_ref",
    "customer",
    *ORDER_COLUMNS,
    *LINE_COLUMNS,
    "stop",
    *STOP_COLUMNS,
    *GOODS_COLUMNS,
)

# XML attribute (or child element) name -> internal column name, per element.
XML_ORDER_ATTRS = {
    "ref": "order_ref",
    "customer": "customer",
    "type": "order_type",
    "transport": "transport",
    "route": "route",
    "route_date": "route_date",
}
XML_LINE_ATTRS = {name: name for name in LINE_COLUMNS}
XML_STOP_ATTRS = {
    "id": "stop",
    "kind": "stop_kind",
    "site": "site",
    "date": "date",
    "time_from": "time_from",
    "time_to": "time_to",
    "tz": "tz",
}
XML_ADDRESS_ATTRS = {name: name for name in ("street", "street2", "zip", "city", "country")}
XML_CONTACT_ATTRS = {"name": "contact_name", "phone": "contact_phone", "email": "contact_email"}
XML_GOODS_ATTRS = {
    "description": "goods_description",
    "packaging": "packaging",
    "product": "goods_product",
    "quantity": "goods_quantity",
    "weight": "weight",
    "length": "length",
    "width": "width",
    "height": "height",
    "deliver_to": "deliver_to",
}

ROUTE_ORDER_TYPES = ("one_to_one", "one_to_many", "many_to_one")
ORDER_TYPES = ("plain", *ROUTE_ORDER_TYPES)
TRANSPORTS = ("own", "shared")
STOP_KINDS = ("collection", "delivery")


class ImportFileError(Exception):
    """The file as a whole cannot be read (size, encoding, DOCTYPE, syntax)."""


def _location(row=None, path=None, line=None):
    return {"row": row, "path": path, "line": line}


def _normalize_text(value):
    return " ".join((value or "").split()).casefold()


def _normalize_vat(value):
    return re.sub(r"[\s.\-]", "", value or "").upper()


def _parse_number(raw):
    """Parse a decimal number written with a dot or a decimal comma."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def _parse_date(raw):
    """Parse a date written YYYY-MM-DD or DD.MM.YYYY."""
    text = raw.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_hours(raw):
    """Parse a time of day written HH:MM (or decimal hours) into float hours."""
    text = raw.strip()
    if ":" in text:
        hours, minutes = text.split(":", 1)
        value = int(hours) + int(minutes) / 60.0
        if not 0 <= int(minutes) < 60:
            raise ValueError(text)
    else:
        value = _parse_number(text)
    if not 0.0 <= value <= 24.0:
        raise ValueError(text)
    return value


def _is_valid(content, encoding):
    """Tell whether ``content`` decodes with ``encoding``, without copying it whole."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    try:
        for start in range(0, len(view), DECODE_CHUNK):
            decoder.decode(view[start : start + DECODE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(content):
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if _is_valid(content, "utf-8"):
        return "utf-8-sig"
    if _is_valid(content, "cp1252"):
        return "cp1252"
    return "latin-1"


class ImportBatch:
    """What one import run knows: options, records found, problems met."""

    def __init__(self, env, filename, customer, allow_create_sites):
        self.env = env
        self.filename = filename
        self.customer = customer
        self.allow_create_sites = allow_create_sites
        self.errors = []
        self.customers = {}  # raw key -> res.partner (order partner) or error message
        self.sites = {}  # (commercial id, "ref"/"address", key) -> res.partner
        self.products = {}  # default_code -> product.product (or False if ambiguous)
        self.packagings = {}
        self.routes = {}
        self.countries = {}
        self.existing = set()  # (commercial partner id, client_order_ref)
        self.new_sites = {}  # site key -> vals of the address to create

    def error(self, location, field, message):
        self.errors.append(dict(location, field=field or "", message=str(message)))


class RouteOrderImport(models.AbstractModel):
    """Import service for plain and route sale orders from CSV and XML files."""

    _name = "route.order.import"
    _description = "Route Order Import"

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    @api.model
    def import_file(self, content, filename, dry_run=False, customer=None, allow_create_sites=True):
        """Validate and import the orders of a CSV or XML file, all or nothing.

        :param bytes content: the file
        :param str filename: its name; ``.xml`` files are read as XML, others as CSV
        :param bool dry_run: only validate, create nothing
        :param customer: ``res.partner``; when given, every order must belong to
            its commercial partner (the ``customer`` column may then be empty)
        :param bool allow_create_sites: create unknown addresses as delivery
            addresses of the customer (else they are errors)
        :return: dict ``created`` (sale.order ids), ``skipped`` (list of dicts
            ``ref``, ``customer``, ``location``: orders imported before),
            ``errors`` (list of dicts ``row``, ``path``, ``line``, ``field``,
            ``message``), ``sites_created``, ``order_count`` (orders in the
            file), ``format`` and ``dry_run``
        """
        batch = ImportBatch(self.env, filename, customer, allow_create_sites)
        result = {
            "created": [],
            "skipped": [],
            "errors": batch.errors,
            "sites_created": 0,
            "order_count": 0,
            "format": "xml" if self._is_xml(content, filename) else "csv",
            "dry_run": dry_run,
        }
        try:
            self._check_size(content)
            if result["format"] == "xml":
                raw_orders = self._read_xml(content, batch)
            else:
                raw_orders = self._read_csv(content, batch)
        except ImportFileError as error:
            batch.error(_location(), "", error.args[0])
            return result
        result["order_count"] = len(raw_orders)
        if not raw_orders and not batch.errors:
            batch.error(_location(), "", self.env._("The file contains no orders."))
        self._prefetch(raw_orders, batch)
        plans = self._validate_orders(raw_orders, batch)
        to_create = []
        for plan in plans:
            if (plan["commercial"].id, plan["ref"]) in batch.existing:
                result["skipped"].append(
                    {
                        "ref": plan["ref"],
                        "customer": plan["commercial"].display_name,
                        "location": plan["location"],
                    }
                )
            else:
                to_create.append(plan)
        result["sites_created"] = len(
            {key for plan in to_create for _vals, key in plan["pending_sites"]}
        )
        if batch.errors or dry_run:
            return result
        try:
            orders = self._create_orders(to_create, batch)
        except (UserError, psycopg2.Error) as error:
            _logger.info("Route order import of %s rolled back: %s", filename, error)
            message = getattr(error, "args", [""])[0] or str(error)
            batch.error(
                _location(),
                "",
                self.env._("Nothing was imported: %(error)s", error=message),
            )
            result["sites_created"] = 0
            return result
        result["created"] = orders.ids
        return result

    @api.model
    def get_max_bytes(self):
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_BYTES_PARAM)
        try:
            return int(value) if value else DEFAULT_MAX_BYTES
        except ValueError:
            return DEFAULT_MAX_BYTES

    @api.model
    def format_error(self, error):
        """One line of text for an error dict of :meth:`import_file`."""
        if error.get("row"):
            where = self.env._("Row %(row)s", row=error["row"])
        elif error.get("path"):
            where = error["path"]
            if error.get("line"):
                where = self.env._("%(path)s (line %(line)s)", path=where, line=error["line"])
        else:
            where = self.env._("File")
        if error.get("field"):
            where = f"{where}, {error['field']}"
        return f"{where}: {error['message']}"

    # ------------------------------------------------------------------
    # Whole-file checks
    # ------------------------------------------------------------------
    @api.model
    def _is_xml(self, content, filename):
        if (filename or "").lower().endswith(".xml"):
            return True
        if (filename or "").lower().endswith(".csv"):
            return False
        return content[:64].lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"<")

    @api.model
    def _check_size(self, content):
        max_bytes = self.get_max_bytes()
        if len(content) > max_bytes:
            size_mb = f"{len(content) / 1024 / 1024:.1f}"
            max_mb = f"{max_bytes / 1024 / 1024:.1f}"
            raise ImportFileError(
                self.env._(
                    "The file is too large (%(size)s MB); files of up to %(max)s MB can be "
                    "imported. Split it into smaller files.",
                    size=size_mb,
                    max=max_mb,
                )
            )
        if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in content[:4]:
            raise ImportFileError(
                self.env._("The file must be encoded in UTF-8 or Latin-1 (not UTF-16).")
            )

    # ------------------------------------------------------------------
    # CSV reading
    # ------------------------------------------------------------------
    @api.model
    def _read_csv(self, content, batch):
        """Stream the rows and group them into raw orders (dicts of raw values)."""
        stream = io.TextIOWrapper(
            io.BytesIO(content), encoding=detect_encoding(content), newline=""
        )
        header_line = stream.readline()
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        reader = csv.reader(itertools.chain([header_line], stream), delimiter=delimiter)
        header = [name.strip().lower() for name in next(reader, [])]
        if not self._check_csv_header(header, batch):
            return []
        orders = {}
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            location = _location(row=row_number)
            if len(row) > len(header):
                batch.error(
                    location,
                    "",
                    self.env._(
                        "The row has %(count)s cells but the header has %(columns)s columns.",
                        count=len(row),
                        columns=len(header),
                    ),
                )
                continue
            values = {
                column: (cell.strip(), location, column)
                for column, cell in zip(header, row, strict=False)
                if column and cell.strip()
            }
            self._add_csv_row(orders, values, location, batch)
        return list(orders.values())

    @api.model
    def _check_csv_header(self, header, batch):
        location = _location(row=1)
        unknown = [name for name in header if name and name not in CSV_COLUMNS]
        for name in unknown:
            batch.error(
                location,
                name,
                self.env._(
                    "Unknown column %(column)s. The columns are: %(columns)s.",
                    column=name,
                    columns=", ".join(CSV_COLUMNS),
                ),
            )
        for name in {name for name in header if header.count(name) > 1}:
            batch.error(location, name, self.env._("The column appears twice."))
        if "order_ref" not in header:
            batch.error(location, "order_ref", self.env._("The column order_ref is required."))
            return False
        return not unknown

    @api.model
    def _add_csv_row(self, orders, values, location, batch):
        order_ref = values.get("order_ref", ("",))[0]
        if not order_ref:
            batch.error(location, "order_ref", self.env._("The order reference is required."))
            return
        key = (values.get("customer", ("",))[0], order_ref)
        order = orders.get(key)
        if order is None:
            order = orders[key] = {"location": location, "values": {}, "lines": [], "stops": {}}
        self._merge_values(
            order["values"], values, ("order_ref", "customer", *ORDER_COLUMNS), batch
        )
        if "stop" not in values:
            if any(column in values for column in (*STOP_COLUMNS, *GOODS_COLUMNS)):
                batch.error(
                    location, "stop", self.env._("Give the stop number of this stop's row.")
                )
                return
            line = {c: values[c] for c in LINE_COLUMNS if c in values}
            order["lines"].append({"location": location, "values": line})
            return
        for column in LINE_COLUMNS:
            if column in values:
                batch.error(
                    location,
                    column,
                    self.env._("A stop row has no order line columns; use the goods columns."),
                )
        stop_number = values["stop"][0]
        stop = order["stops"].get(stop_number)
        if stop is None:
            stop = order["stops"][stop_number] = {
                "location": location,
                "values": {"stop": values["stop"]},
                "goods": [],
            }
        self._merge_values(stop["values"], values, STOP_COLUMNS, batch)
        goods = {c: values[c] for c in GOODS_COLUMNS if c in values}
        if goods:
            stop["goods"].append({"location": location, "values": goods})

    @api.model
    def _merge_values(self, target, values, columns, batch):
        """Copy the first value of each column; later rows may repeat it or leave it empty."""
        for column in columns:
            if column not in values:
                continue
            value, location, label = values[column]
            if column not in target:
                target[column] = values[column]
            elif target[column][0] != value:
                batch.error(
                    location,
                    label,
                    self.env._(
                        "%(value)s differs from %(first)s given on row %(row)s for the same "
                        "order or stop.",
                        value=value,
                        first=target[column][0],
                        row=target[column][1]["row"],
                    ),
                )

    # ------------------------------------------------------------------
    # XML reading
    # ------------------------------------------------------------------
    @api.model
    def _get_xml_schema(self):
        parser = etree.XMLParser(**SAFE_XML_OPTIONS)
        with open(file_path(XSD_PATH), "rb") as xsd_file:
            return etree.XMLSchema(etree.parse(xsd_file, parser))

    @api.model
    def _prepare_xml_content(self, content):
        if DOCTYPE_RE.search(content):
            raise ImportFileError(
                self.env._(
                    "XML files with a DOCTYPE or entity declarations are refused for "
                    "security reasons: remove the <!DOCTYPE ...> declaration."
                )
            )
        if not XML_ENCODING_DECLARED_RE.match(content) and not _is_valid(content, "utf-8"):
            # No declared encoding and not UTF-8: read it as Windows-1252/Latin-1.
            encoding = detect_encoding(content)
            content = content.decode(encoding).encode("utf-8")
        return content

    @api.model
    def _read_xml(self, content, batch):
        """Parse the orders one by one (iterparse), validating each against the XSD."""
        content = self._prepare_xml_content(content)
        schema = self._get_xml_schema()
        events = etree.iterparse(
            io.BytesIO(content),
            events=("start", "end"),
            remove_comments=True,
            remove_pis=True,
            **SAFE_XML_OPTIONS,
        )
        orders = []
        root = None
        index = 0
        try:
            for event, element in events:
                if root is None:
                    root = element
                    self._check_xml_root(root)
                    continue
                if event != "end" or element.getparent() is not root:
                    continue
                index += 1
                path = f"/orders/{element.tag}[{index}]"
                if element.tag != "order":
                    batch.error(
                        _location(path=path, line=element.sourceline),
                        "",
                        self.env._("Only <order> elements are allowed in <orders>."),
                    )
                elif self._validate_xml_order(schema, element, path, batch):
                    orders.append(self._read_xml_order(element, path))
                element.clear()
                while element.getprevious() is not None:
                    del root[0]
        except etree.XMLSyntaxError as error:
            raise ImportFileError(
                self.env._("The file is not well-formed XML: %(error)s", error=str(error))
            ) from error
        return orders

    @api.model
    def _check_xml_root(self, root):
        if root.getroottree().docinfo.doctype:
            raise ImportFileError(self.env._("XML files with a DOCTYPE are refused."))
        if root.tag != "orders":
            raise ImportFileError(
                self.env._("The root element must be <orders>, not <%(tag)s>.", tag=str(root.tag))
            )

    @api.model
    def _validate_xml_order(self, schema, element, path, batch):
        if schema.validate(element):
            return True
        for entry in schema.error_log:
            entry_path = entry.path or ""
            if entry_path.startswith("/order"):
                entry_path = path + entry_path[len("/order") :]
            batch.error(
                _location(path=entry_path or path, line=entry.line),
                "",
                self.env._(
                    "The order does not follow the XML schema: %(detail)s", detail=entry.message
                ),
            )
        return False

    @api.model
    def _xml_values(self, element, attrs, location):
        return {
            column: (element.get(name).strip(), location, name)
            for name, column in attrs.items()
            if (element.get(name) or "").strip()
        }

    @api.model
    def _read_xml_order(self, element, path):
        location = _location(path=path, line=element.sourceline)
        order = {
            "location": location,
            "values": self._xml_values(element, XML_ORDER_ATTRS, location),
            "lines": [],
            "stops": {},
        }
        for index, line in enumerate(element.iterchildren("line"), start=1):
            line_location = _location(path=f"{path}/line[{index}]", line=line.sourceline)
            order["lines"].append(
                {
                    "location": line_location,
                    "values": self._xml_values(line, XML_LINE_ATTRS, line_location),
                }
            )
        for index, stop in enumerate(element.iterchildren("stop"), start=1):
            stop_path = f"{path}/stop[{index}]"
            stop_location = _location(path=stop_path, line=stop.sourceline)
            order["stops"][f"{index}"] = self._read_xml_stop(stop, stop_path, stop_location)
        return order

    @api.model
    def _read_xml_stop(self, stop, stop_path, location):
        values = self._xml_values(stop, XML_STOP_ATTRS, location)
        for child_tag, attrs in (("address", XML_ADDRESS_ATTRS), ("contact", XML_CONTACT_ATTRS)):
            child = stop.find(child_tag)
            if child is not None:
                child_location = _location(path=f"{stop_path}/{child_tag}", line=child.sourceline)
                values.update(self._xml_values(child, attrs, child_location))
        instructions = stop.find("instructions")
        if instructions is not None and (instructions.text or "").strip():
            values["instructions"] = (instructions.text.strip(), location, "instructions")
        goods = []
        for index, item in enumerate(stop.iterchildren("goods"), start=1):
            goods_location = _location(path=f"{stop_path}/goods[{index}]", line=item.sourceline)
            goods.append(
                {
                    "location": goods_location,
                    "values": self._xml_values(item, XML_GOODS_ATTRS, goods_location),
                }
            )
        return {"location": location, "values": values, "goods": goods}

    # ------------------------------------------------------------------
    # Prefetch: one search per kind of record, by the set of keys
    # ------------------------------------------------------------------
    @api.model
    def _collect_keys(self, raw_orders, column, level):
        keys = set()
        for order in raw_orders:
            if level == "order":
                items = [order]
            elif level == "line":
                items = order["lines"]
            elif level == "stop":
                items = order["stops"].values()
            else:
                items = [goods for stop in order["stops"].values() for goods in stop["goods"]]
            keys.update(item["values"][column][0] for item in items if column in item["values"])
        return keys

    @api.model
    def _prefetch(self, raw_orders, batch):
        self._prefetch_customers(self._collect_keys(raw_orders, "customer", "order"), batch)
        codes = self._collect_keys(raw_orders, "product", "line")
        codes |= self._collect_keys(raw_orders, "goods_product", "goods")
        self._prefetch_products(codes, batch)
        self._prefetch_by_code(
            batch.packagings,
            "route.packaging.type",
            "code",
            self._collect_keys(raw_orders, "packaging", "goods"),
        )
        route_domain = [("company_id", "in", [False, self.env.company.id])]
        self._prefetch_by_code(
            batch.routes,
            "route.route",
            "code",
            self._collect_keys(raw_orders, "route", "order"),
            route_domain,
        )
        country_codes = {code.upper() for code in self._collect_keys(raw_orders, "country", "stop")}
        self._prefetch_by_code(batch.countries, "res.country", "code", country_codes)
        self._prefetch_sites(raw_orders, batch)
        self._prefetch_existing_orders(raw_orders, batch)

    @api.model
    def _prefetch_by_code(self, target, model, field, codes, extra_domain=None):
        if not codes:
            return
        records = self.env[model].search([(field, "in", list(codes)), *(extra_domain or [])])
        for record in records:
            target[record[field]] = record

    @api.model
    def _prefetch_products(self, codes, batch):
        if not codes:
            return
        Product = self.env["product.product"]
        domain = [("default_code", "in", list(codes))]
        domain += Product._check_company_domain(self.env.company)
        for product in Product.search(domain):
            known = batch.products.get(product.default_code)
            batch.products[product.default_code] = False if known else product

    @api.model
    def _prefetch_customers(self, keys, batch):
        """Match customers by reference, then VAT, then e-mail (one search)."""
        batch.customers = {}
        if not keys:
            return
        vats = {_normalize_vat(key) for key in keys}
        emails = {email_normalize(key) for key in keys} - {False}
        partners = self.env["res.partner"].search(
            [
                "|",
                "|",
                ("ref", "in", list(keys)),
                ("vat", "in", list(keys | vats)),
                ("email_normalized", "in", list(emails)),
            ]
        )
        companies = partners.filtered(lambda p: p.commercial_partner_id == p)
        matchers = (
            (companies, lambda partner, key: partner.ref == key),
            (
                companies,
                lambda partner, key: (
                    partner.vat and _normalize_vat(partner.vat) == _normalize_vat(key)
                ),
            ),
            (
                partners,
                lambda partner, key: (
                    email_normalize(key) and partner.email_normalized == email_normalize(key)
                ),
            ),
        )
        for key in keys:
            batch.customers[key] = self._match_customer(key, matchers)

    @api.model
    def _match_customer(self, key, matchers):
        for candidates, matches in matchers:
            found = candidates.filtered(
                lambda partner, key=key, matches=matches: matches(partner, key)
            )
            if len(found.commercial_partner_id) > 1:
                return self.env._(
                    "%(key)s matches several customers: use their reference.", key=key
                )
            if found:
                return found[0]
        return self.env._("No customer has the reference, VAT or e-mail %(key)s.", key=key)

    @api.model
    def _order_customer(self, order, batch):
        """Return (order partner, error message) for a raw order."""
        key = order["values"].get("customer", ("",))[0]
        scope = batch.customer
        if not key:
            if scope:
                return scope, None
            return None, self.env._("The customer is required.")
        partner = batch.customers.get(key)
        found = partner and not isinstance(partner, str)
        if scope and not (found and partner.commercial_partner_id == scope.commercial_partner_id):
            # same message for unknown and other customers: reveals nothing
            return None, self.env._(
                "Only orders of %(customer)s can be imported here.",
                customer=scope.commercial_partner_id.display_name,
            )
        if not found:
            return None, partner or self.env._("Unknown customer %(key)s.", key=key)
        return partner, None

    @api.model
    def _prefetch_sites(self, raw_orders, batch):
        commercials = self.env["res.partner"]
        for partner in batch.customers.values():
            if not isinstance(partner, str):
                commercials |= partner.commercial_partner_id
        if batch.customer:
            commercials |= batch.customer.commercial_partner_id
        refs = self._collect_keys(raw_orders, "site", "stop")
        zips = self._collect_keys(raw_orders, "zip", "stop")
        if not commercials or not (refs or zips):
            return
        sites = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", commercials.ids),
                "|",
                ("ref", "in", list(refs)),
                ("zip", "in", list(zips)),
            ],
            order="type desc, id",  # "delivery" before "contact"
        )
        for site in sites:
            commercial_id = site.commercial_partner_id.id
            if site.ref:
                batch.sites.setdefault((commercial_id, "ref", site.ref), site)
            if site.street and site.zip and site.city:
                batch.sites.setdefault((commercial_id, "address", self._address_key(site)), site)

    @api.model
    def _address_key(self, record):
        return (
            _normalize_text(record["street"]),
            _normalize_text(record["zip"]),
            _normalize_text(record["city"]),
        )

    @api.model
    def _prefetch_existing_orders(self, raw_orders, batch):
        refs = self._collect_keys(raw_orders, "order_ref", "order")
        commercials = {
            partner.commercial_partner_id.id
            for partner in batch.customers.values()
            if not isinstance(partner, str)
        }
        if batch.customer:
            commercials.add(batch.customer.commercial_partner_id.id)
        if not refs or not commercials:
            return
        rows = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("client_order_ref", "in", list(refs)),
                    ("partner_id.commercial_partner_id", "in", list(commercials)),
                ],
                ["partner_id", "client_order_ref"],
            )
        )
        batch.existing = {(partner.commercial_partner_id.id, ref) for partner, ref in rows}

    # ------------------------------------------------------------------
    # Validation: raw values -> create values, every problem collected
    # ------------------------------------------------------------------
    @api.model
    def _validate_orders(self, raw_orders, batch):
        plans = []
        seen = {}
        for order in raw_orders:
            plan = self._validate_order(order, batch)
            if not plan:
                continue
            key = (plan["commercial"].id, plan["ref"])
            if key in seen:
                batch.error(
                    order["location"],
                    order["values"]["order_ref"][2],
                    self.env._(
                        "Order %(ref)s of this customer appears twice in the file.", ref=plan["ref"]
                    ),
                )
                continue
            seen[key] = plan
            plans.append(plan)
        return plans

    @api.model
    def _value(self, item, column, batch, parser=None, error=None, default=None):
        """Return the parsed value of ``column`` of a raw item, or ``default``.

        On a parse error, record ``error`` (a translated message) and return ``default``.
        """
        if column not in item["values"]:
            return default
        raw, location, label = item["values"][column]
        if parser is None:
            return raw
        try:
            return parser(raw)
        except (ValueError, TypeError):
            batch.error(location, label, error or self.env._("%(value)s is not valid.", value=raw))
            return default

    @api.model
    def _choice(self, item, column, choices, default, batch):
        def parse(raw):
            value = raw.lower()
            if value not in choices:
                raise ValueError(raw)
            return value

        raw = item["values"].get(column, ("",))[0]
        return self._value(
            item,
            column,
            batch,
            parse,
            self.env._(
                "%(value)s is not one of %(choices)s.", value=raw, choices=", ".join(choices)
            ),
            default,
        )

    @api.model
    def _number(self, item, column, batch, default=0.0, positive=False):
        if column not in item["values"]:
            return default
        raw, location, label = item["values"][column]
        try:
            value = _parse_number(raw)
        except ValueError:
            batch.error(location, label, self.env._("%(value)s is not a number.", value=raw))
            return default
        if positive and value <= 0:
            batch.error(
                location, label, self.env._("%(value)s must be greater than zero.", value=raw)
            )
        elif value < 0:
            batch.error(location, label, self.env._("%(value)s cannot be negative.", value=raw))
        return value

    @api.model
    def _date(self, item, column, batch):
        raw = item["values"].get(column, ("",))[0]
        return self._value(
            item,
            column,
            batch,
            _parse_date,
            self.env._("%(value)s is not a date (use YYYY-MM-DD).", value=raw),
            False,
        )

    @api.model
    def _record(self, item, column, lookup, batch, message, transform=None):
        if column not in item["values"]:
            return None
        raw, location, label = item["values"][column]
        record = lookup.get(transform(raw) if transform else raw)
        if not record:
            batch.error(location, label, message % {"value": raw})
        return record or None

    @api.model
    def _validate_order(self, order, batch):
        errors_before = len(batch.errors)
        partner, problem = self._order_customer(order, batch)
        location = order["location"]
        if problem:
            label = order["values"].get("customer", (None, None, "customer"))[2]
            batch.error(location, label, problem)
        ref = order["values"]["order_ref"][0]
        order_type = self._choice(order, "order_type", ORDER_TYPES, "plain", batch)
        vals = {
            "client_order_ref": ref,
            "route_order_type": order_type or "plain",
            "route_transport": self._choice(order, "transport", TRANSPORTS, "own", batch) or "own",
        }
        route = self._record(
            order,
            "route",
            batch.routes,
            batch,
            self.env._("No shared route has the code %(value)s."),
        )
        vals["route_id"] = route.id if route else False
        vals["route_date"] = self._date(order, "route_date", batch)
        self._check_transport(order, vals, batch)
        plan = {
            "location": location,
            "ref": ref,
            "commercial": partner.commercial_partner_id if partner else None,
            "vals": vals,
            "pending_sites": [],
            "goods_targets": [],
        }
        if vals["route_order_type"] == "plain":
            self._validate_plain_order(order, plan, batch)
        else:
            self._validate_route_order(order, partner, plan, batch)
        if len(batch.errors) > errors_before or not partner:
            return None
        vals["partner_id"] = partner.id
        return plan

    @api.model
    def _check_transport(self, order, vals, batch):
        location = order["location"]
        if vals["route_transport"] != "shared":
            return
        if vals["route_order_type"] == "plain":
            batch.error(
                location, "transport", self.env._("A plain order cannot ride on a shared route.")
            )
        elif not (vals["route_id"] and vals["route_date"]):
            batch.error(
                location,
                "route",
                self.env._("An order on a shared route needs the route code and its run date."),
            )

    @api.model
    def _validate_plain_order(self, order, plan, batch):
        if order["stops"]:
            batch.error(
                order["location"],
                "order_type",
                self.env._("A plain order has no stops; give a transport order type."),
            )
        if not order["lines"]:
            batch.error(
                order["location"], "product", self.env._("A plain order needs at least one line.")
            )
        commands = []
        for line in order["lines"]:
            line_vals = self._validate_line(line, batch)
            if line_vals:
                commands.append(Command.create(line_vals))
        plan["vals"]["order_line"] = commands

    @api.model
    def _validate_line(self, line, batch):
        if "product" not in line["values"]:
            batch.error(line["location"], "product", self.env._("The product is required."))
            return None
        product = self._record(
            line,
            "product",
            batch.products,
            batch,
            self.env._("No single product has the internal reference %(value)s."),
        )
        if product and not product.sale_ok:
            batch.error(
                line["location"],
                line["values"]["product"][2],
                self.env._("Product %(product)s cannot be sold.", product=product.display_name),
            )
        if "quantity" not in line["values"]:
            batch.error(line["location"], "quantity", self.env._("The quantity is required."))
        vals = {
            "product_id": product.id if product else False,
            "product_uom_qty": self._number(line, "quantity", batch, positive=True),
        }
        price = self._number(line, "price", batch, default=None)
        if price is not None:
            vals["price_unit"] = price
        description = self._value(line, "description", batch)
        if description:
            vals["name"] = description
        return vals

    @api.model
    def _validate_route_order(self, order, partner, plan, batch):
        location = order["location"]
        for line in order["lines"]:
            batch.error(
                line["location"],
                "product",
                self.env._("A transport order has stops and goods, not order lines."),
            )
        if not order["stops"]:
            batch.error(location, "stop", self.env._("A transport order needs stops."))
            return
        stops = {}
        commands = []
        for stop in order["stops"].values():
            stop_vals = self._validate_stop(stop, partner, plan, batch)
            if stop_vals["sequence"] in stops:
                batch.error(
                    stop["location"],
                    stop["values"]["stop"][2],
                    self.env._(
                        "Stop number %(stop)s is used twice in this order.",
                        stop=stop_vals["sequence"],
                    ),
                )
            stops[stop_vals["sequence"]] = stop_vals
            commands.append(Command.create(stop_vals))
        plan["vals"]["route_stop_ids"] = commands
        self._check_order_type(order, plan, stops, batch)

    @api.model
    def _check_order_type(self, order, plan, stops, batch):
        order_type = plan["vals"]["route_order_type"]
        collections = sum(1 for vals in stops.values() if vals["kind"] == "collection")
        deliveries = len(stops) - collections
        counts = {"collections": collections, "deliveries": deliveries}
        wrong = {
            "one_to_one": (collections, deliveries) != (1, 1),
            "one_to_many": collections != 1 or deliveries < 1,
            "many_to_one": collections < 1 or deliveries != 1,
        }[order_type]
        if wrong and len(stops) == len(order["stops"]):
            batch.error(
                order["location"],
                "order_type",
                self.env._(
                    "A %(type)s order cannot have %(collections)s collection(s) and "
                    "%(deliveries)s delivery(ies).",
                    type=order_type,
                    **counts,
                ),
            )
        for goods_location, label, _stop, _sequence, target in plan["goods_targets"]:
            if order_type != "one_to_many":
                batch.error(
                    goods_location,
                    label,
                    self.env._("Only one_to_many orders send goods to chosen delivery stops."),
                )
            elif stops.get(target, {}).get("kind") != "delivery":
                batch.error(
                    goods_location,
                    label,
                    self.env._("Stop %(stop)s is not a delivery stop of this order.", stop=target),
                )

    @api.model
    def _validate_stop(self, stop, partner, plan, batch):
        location = stop["location"]
        number = self._value(
            stop,
            "stop",
            batch,
            int,
            self.env._("The stop number must be a whole number."),
        )
        if number is not None and number <= 0:
            batch.error(
                location, stop["values"]["stop"][2], self.env._("The stop number must be positive.")
            )
        if "stop_kind" not in stop["values"]:
            batch.error(location, "stop_kind", self.env._("The stop kind is required."))
        kind = self._choice(stop, "stop_kind", STOP_KINDS, "delivery", batch)
        vals = {"sequence": number or 0, "kind": kind}
        self._validate_stop_place(stop, partner, plan, vals, batch)
        self._validate_stop_time(stop, vals, batch)
        self._validate_stop_contact(stop, partner, vals, batch)
        goods_commands = []
        for sequence, goods in enumerate(stop["goods"], start=1):
            if kind != "collection":
                batch.error(
                    goods["location"],
                    "",
                    self.env._("Goods are given on collection stops only."),
                )
                continue
            goods_vals = self._validate_goods(goods, batch)
            if goods_vals:
                goods_vals["sequence"] = sequence
                goods_commands.append(Command.create(goods_vals))
                target = self._value(
                    goods, "deliver_to", batch, int, self.env._("Give the number of a stop.")
                )
                if target:
                    label = goods["values"]["deliver_to"][2]
                    plan["goods_targets"].append(
                        (goods["location"], label, vals["sequence"], sequence, target)
                    )
        if goods_commands:
            vals["goods_ids"] = goods_commands
        return vals

    @api.model
    def _validate_stop_place(self, stop, partner, plan, vals, batch):
        location = stop["location"]
        values = stop["values"]
        country = self._record(
            stop,
            "country",
            batch.countries,
            batch,
            self.env._("No country has the code %(value)s."),
            transform=str.upper,
        )
        if not partner:
            return
        commercial = partner.commercial_partner_id
        if "site" in values:
            raw, site_location, label = values["site"]
            site = batch.sites.get((commercial.id, "ref", raw))
            if not site:
                batch.error(
                    site_location,
                    label,
                    self.env._("The customer has no address with the reference %(ref)s.", ref=raw),
                )
                return
            vals["partner_id"] = site.id
            return
        address = {
            name: values[name][0] for name in ("street", "street2", "zip", "city") if name in values
        }
        missing = [name for name in ("street", "zip", "city") if name not in address]
        if missing:
            batch.error(
                location,
                missing[0],
                self.env._("Give the site reference, or the street, zip and city of the stop."),
            )
            return
        key = (commercial.id, "address", self._address_key(address))
        site = batch.sites.get(key)
        if site:
            vals["partner_id"] = site.id
            return
        if not batch.allow_create_sites:
            batch.error(
                location,
                "street",
                self.env._(
                    "The customer has no address %(street)s, %(zip)s %(city)s.",
                    street=address["street"],
                    zip=address["zip"],
                    city=address["city"],
                ),
            )
            return
        batch.new_sites.setdefault(
            key,
            dict(
                address,
                parent_id=commercial.id,
                type="delivery",
                country_id=(country or commercial.country_id).id,
            ),
        )
        plan["pending_sites"].append((vals, key))

    @api.model
    def _validate_stop_time(self, stop, vals, batch):
        vals["date"] = self._date(stop, "date", batch)
        time_from = self._value(
            stop, "time_from", batch, _parse_hours, self.env._("Give the time as HH:MM.")
        )
        time_to = self._value(
            stop, "time_to", batch, _parse_hours, self.env._("Give the time as HH:MM.")
        )
        has_time = time_from is not None or time_to is not None
        vals["time_mode"] = "slot" if has_time else "asap"
        vals["time_from"] = time_from or 0.0
        vals["time_to"] = time_to or 0.0
        if has_time and not vals["date"] and "date" not in stop["values"]:
            batch.error(stop["location"], "date", self.env._("A stop with a time needs a date."))
        if time_from is not None and time_to is not None and time_to < time_from:
            batch.error(
                stop["values"]["time_to"][1],
                stop["values"]["time_to"][2],
                self.env._("The time window ends before it starts."),
            )
        tz = self._value(stop, "tz", batch)
        if tz:
            if tz in pytz.all_timezones_set:
                vals["tz"] = tz
            else:
                _raw, location, label = stop["values"]["tz"]
                batch.error(location, label, self.env._("%(value)s is not a timezone.", value=tz))

    @api.model
    def _validate_stop_contact(self, stop, partner, vals, batch):
        for column in ("contact_name", "instructions"):
            value = self._value(stop, column, batch)
            if value:
                vals[column] = value
        email = self._value(stop, "contact_email", batch)
        if email:
            if email_normalize(email):
                vals["contact_email"] = email
            else:
                _raw, location, label = stop["values"]["contact_email"]
                batch.error(
                    location, label, self.env._("%(value)s is not an e-mail address.", value=email)
                )
        phone = self._value(stop, "contact_phone", batch)
        if phone:
            country_code = stop["values"].get("country", ("",))[0].upper()
            country = (
                batch.countries.get(country_code)
                or (partner and partner.country_id)
                or self.env.company.country_id
            )
            formatted = self.env["res.partner"]._phone_format(
                number=phone, country=country, force_format="INTERNATIONAL", raise_exception=False
            )
            if formatted:
                vals["contact_phone"] = formatted
            else:
                _raw, location, label = stop["values"]["contact_phone"]
                batch.error(
                    location,
                    label,
                    self.env._("%(phone)s is not a valid phone number.", phone=phone),
                )

    @api.model
    def _validate_goods(self, goods, batch):
        values = goods["values"]
        packaging = self._record(
            goods,
            "packaging",
            batch.packagings,
            batch,
            self.env._("No packaging type has the code %(value)s."),
        )
        product = self._record(
            goods,
            "goods_product",
            batch.products,
            batch,
            self.env._("No single product has the internal reference %(value)s."),
        )
        description = self._value(goods, "goods_description", batch)
        description = (
            description or (product and product.display_name) or (packaging and packaging.name)
        )
        if not description:
            batch.error(
                goods["location"],
                "goods_description",
                self.env._("Describe the goods (or give their product or packaging)."),
            )
        vals = {
            "description": description,
            "packaging_type_id": packaging.id if packaging else False,
            "product_id": product.id if product else False,
            "quantity": self._number(goods, "goods_quantity", batch, default=1.0),
        }
        for column in ("weight", "length", "width", "height"):
            vals[column] = self._number(goods, column, batch)
        if product and "weight" not in values:
            vals["weight"] = product.weight * (vals["quantity"] or 0.0)
        return vals

    # ------------------------------------------------------------------
    # Creation: one batch, in a savepoint
    # ------------------------------------------------------------------
    @api.model
    def _create_orders(self, plans, batch):
        SaleOrder = self.env["sale.order"].with_context(mail_create_nolog=True)
        with self.env.cr.savepoint():
            self._create_sites(plans, batch)
            self._assign_order_names(plans)
            # one batch create, stops and goods nested: stop lines are synced once
            orders = SaleOrder.create([plan["vals"] for plan in plans])
            self._set_goods_targets(orders, plans)
            self._subscribe_customers(orders, plans)
        return orders

    @api.model
    def _create_sites(self, plans, batch):
        keys = list({key for plan in plans for _vals, key in plan["pending_sites"]})
        if not keys:
            return
        sites = self.env["res.partner"].create([batch.new_sites[key] for key in keys])
        site_by_key = dict(zip(keys, sites, strict=True))
        for plan in plans:
            for stop_vals, key in plan["pending_sites"]:
                stop_vals["partner_id"] = site_by_key[key].id

    @api.model
    def _assign_order_names(self, plans):
        """Number the quotations as ``sale.order.create`` does, finding the sequence once.

        ``create`` calls ``next_by_code("sale.order")`` per order, which searches the
        sequence each time; the same sequence (current company's first, else the
        shared one) is drawn from here with ``next_by_id``, one number per order.
        """
        sequences = self.env["ir.sequence"].search(
            [("code", "=", "sale.order"), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
        )
        if not sequences:
            return  # create gives its own fallback name
        for plan in plans:
            vals = plan["vals"]
            if "name" not in vals and "date_order" not in vals and "company_id" not in vals:
                vals["name"] = sequences[0].next_by_id()

    @api.model
    def _set_goods_targets(self, orders, plans):
        goods_by_target = {}
        for order, plan in zip(orders, plans, strict=True):
            if not plan["goods_targets"]:
                continue
            stops = {stop.sequence: stop for stop in order.route_stop_ids}
            for _location, _label, stop_number, sequence, target in plan["goods_targets"]:
                goods = stops[stop_number].goods_ids.filtered(
                    lambda g, seq=sequence: g.sequence == seq
                )
                goods_by_target.setdefault(stops[target], goods.browse())
                goods_by_target[stops[target]] |= goods
        for target, goods in goods_by_target.items():
            goods.write({"delivery_stop_id": target.id})

    @api.model
    def _subscribe_customers(self, orders, plans):
        by_customer = {}
        for order, plan in zip(orders, plans, strict=True):
            by_customer.setdefault(plan["commercial"], order.browse())
            by_customer[plan["commercial"]] |= order
        for commercial, customer_orders in by_customer.items():
            customer_orders.message_subscribe(partner_ids=commercial.ids)
