"""Outlet names from a url's domain or a wire-service tag.

A small table maps well-known news domains to the names outlets use for themselves; any other
url gives its bare registrable domain (``news.example.co.uk`` -> ``example.co.uk``), found with
the ``tld`` package's bundled copy of the Public Suffix List (no network access).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A host name with at least one dot and no spaces ("localhost" or free text is no outlet).
_HOST = re.compile(r"^(?:[\w-]+\.)+[\w-]+$")

# Registrable domain -> outlet name. Subdomains match their parent (edition.cnn.com -> CNN).
KNOWN_OUTLETS: dict[str, str] = {
    "abcnews.go.com": "ABC News",
    "aljazeera.com": "Al Jazeera",
    "apnews.com": "Associated Press",
    "axios.com": "Axios",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bloomberg.com": "Bloomberg",
    "cbsnews.com": "CBS News",
    "cnn.com": "CNN",
    "dw.com": "Deutsche Welle",
    "economist.com": "The Economist",
    "english.alaraby.co.uk": "The New Arab",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "haaretz.com": "Haaretz",
    "independent.co.uk": "The Independent",
    "jpost.com": "The Jerusalem Post",
    "latimes.com": "Los Angeles Times",
    "lemonde.fr": "Le Monde",
    "middleeasteye.net": "Middle East Eye",
    "nbcnews.com": "NBC News",
    "newarab.com": "The New Arab",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "rbc.ua": "RBC-Ukraine",
    "reuters.com": "Reuters",
    "spiegel.de": "Der Spiegel",
    "theatlantic.com": "The Atlantic",
    "theguardian.com": "The Guardian",
    "thehill.com": "The Hill",
    "timesofisrael.com": "The Times of Israel",
    "ukrinform.net": "Ukrinform",
    "usatoday.com": "USA Today",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ynetnews.com": "Ynet News",
    "zeit.de": "Die Zeit",
}

# Wire-service tags as they appear in datelines ("WASHINGTON, Dec. 7 (Reuters) -").
WIRE_SERVICES: dict[str, str] = {
    "aa": "Anadolu Agency",
    "afp": "Agence France-Presse",
    "anadolu": "Anadolu Agency",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "efe": "EFE",
    "pti": "Press Trust of India",
    "reuters": "Reuters",
    "tass": "TASS",
    "upi": "United Press International",
    "wafa": "WAFA",
    "xinhua": "Xinhua",
}


def url_host(url: str) -> str | None:
    """The lower-cased host name of ``url`` (``None`` when it has no dotted host name); a
    scheme-less ``www.example.com/path`` is read as a web address too."""
    candidate = url.strip()
    if "://" not in candidate:
        candidate = "http://" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    host = (host or "").rstrip(".").lower()
    return host if _HOST.match(host) else None


def registrable_domain(host: str) -> str:
    """``host`` without its subdomains (``newsukraine.rbc.ua`` -> ``rbc.ua``); a host under
    no known public suffix (``intranet.local``) keeps everything but a leading ``www.``."""
    from tld import get_fld

    domain = get_fld(host, fix_protocol=True, fail_silently=True)
    if isinstance(domain, str) and domain:
        return domain
    return host[4:] if host.startswith("www.") else host


def outlet_from_url(url: str) -> str | None:
    """The outlet a url belongs to: its name from :data:`KNOWN_OUTLETS` for well-known
    domains (subdomains included), else the bare registrable domain; ``None`` without a host."""
    host = url_host(url)
    if not host:
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = KNOWN_OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    return registrable_domain(host)


def outlet_from_wire(tag: str) -> str | None:
    """The agency named by a dateline tag such as ``Reuters`` or ``AP``, or ``None``."""
    return WIRE_SERVICES.get(tag.strip().lower())
