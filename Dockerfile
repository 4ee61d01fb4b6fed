# Kagaz for production: Debian, the same package list as scripts/setup.sh, kagaz serve (its own asyncio front), tini as PID 1.
FROM debian:bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KAGAZ_HOST=0.0.0.0 \
    KAGAZ_PORT=8000 \
    KAGAZ_DATA_DIR=/var/lib/kagaz

COPY debian-packages.txt /tmp/kagaz/debian-packages.txt
COPY scripts/debian-packages.sh /tmp/kagaz/scripts/debian-packages.sh
RUN apt-get update \
 && apt-get install -y --no-install-recommends $(sh /tmp/kagaz/scripts/debian-packages.sh docker) \
 && rm -rf /var/lib/apt/lists/* /tmp/kagaz

WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY templates_docx ./templates_docx
COPY samples ./samples
COPY data ./data
RUN python3 -m venv /app/.venv \
 && /app/.venv/bin/pip install --no-cache-dir -e '.[redis,postgresql]' \
 && useradd --system --home-dir /var/lib/kagaz --create-home kagaz

USER kagaz
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/app/.venv/bin/kagaz", "serve"]
