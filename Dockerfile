# Production image: gunicorn serves the portal, whitenoise serves static files (behind
# nginx, docker-compose.yml, the web service copies them to /srv/static for nginx).
FROM python:3.12-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# pango and fonts for the welcome pack's PDF (WeasyPrint): Noto covers Latin, Cyrillic,
# Arabic and Persian; nothing is fetched from the web at runtime.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
    fonts-noto-core fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings but no secrets or services.
RUN DJANGO_ENV=development STATIC_MANIFEST=true python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 portal && chown -R portal /app \
    && mkdir -p /srv/static && chown portal /srv/static
USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
