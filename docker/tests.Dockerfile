# Test image: the official Odoo 18.0 image plus what the test command needs,
# a Chrome browser for the tour tests and the Python test tools.
FROM odoo:18.0

USER root
# Odoo's image is Ubuntu 24.04, whose "chromium" is only a snap stub, so Google's
# Chrome package is used here (Odoo's own test runners use it too).
RUN apt-get update \
    && apt-get install -y --no-install-recommends wget ca-certificates \
    && wget -q -O /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
    && apt-get install -y --no-install-recommends /tmp/chrome.deb \
    && rm -rf /tmp/chrome.deb /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir --break-system-packages \
        "pytest>=7.4" "check-jsonschema>=0.28" "PyYAML>=6.0" "websocket-client>=1.0" \
        "phonenumbers>=8.13"
USER odoo
