"""Write crawl.warc.gz, a tiny CC-News-style WARC for the sample corpus.

Run ``python examples/make_warc.py`` to regenerate it; the output is
byte-for-byte reproducible (fixed record ids and dates, gzip with no
timestamp). It holds a warcinfo record, two HTML responses and one
non-HTML response (robots.txt), the mix a reader must sort through.
"""

# ruff: noqa: E501  (the sample pages keep one paragraph per line, as sites serve them)

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).with_name("crawl.warc.gz")

NATUNA_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Indonesia detains four Vietnamese fishing boats off Natuna - Straits Observer</title>
<meta property="og:title" content="Indonesia detains four Vietnamese fishing boats off Natuna">
<meta property="og:site_name" content="Straits Observer">
<meta property="article:published_time" content="2025-10-10T08:15:00+07:00">
</head>
<body>
<div class="menu"><a href="/">Home</a> | <a href="/asia">Asia</a> | <a href="/opinion">Opinion</a></div>
<article>
<h1>Indonesia detains four Vietnamese fishing boats off Natuna</h1>
<p>The Indonesian navy detained four Vietnamese fishing boats and arrested 37 crew members in waters off the Natuna Islands on Thursday, accusing them of fishing illegally inside Indonesia's exclusive economic zone.</p>
<p>Rear Admiral Budi Santoso, the regional fleet commander, said that the boats had ignored repeated radio warnings and tried to flee when a patrol ship approached.</p>
<p>"These waters are not a free-for-all. Every boat that fishes here without a licence will be stopped," Santoso told reporters in Jakarta.</p>
<p>He said that the crews would be handed to the fisheries ministry in Batam, where they could face fines and the boats could be sunk.</p>
<p>Vietnam's foreign ministry spokeswoman, Pham Thu Ha, said that Hanoi had asked Jakarta to release the fishermen and to treat them humanely. She accused the Indonesian patrol of firing warning shots close to one of the boats, which the navy denied.</p>
<p>Indonesia has sunk more than 300 foreign boats caught fishing illegally over the past decade, most of them from Vietnam.</p>
</article>
<div class="share">Share this story: Facebook · X · WhatsApp</div>
<footer>Copyright 2025 Straits Observer. Reproduction without permission prohibited.</footer>
</body>
</html>
"""

MALI_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mali government denies civilian deaths in Tessaghat strike | Sahel Monitor</title>
<meta property="og:site_name" content="Sahel Monitor">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/mali">Mali</a></li><li><a href="/niger">Niger</a></li></ul></nav>
<article>
<h1>Mali government denies civilian deaths in Tessaghat strike</h1>
<p>Mali's government on Tuesday denied that civilians were killed in an air strike on the northern town of Tessaghat, saying that nine of the 12 people who died were members of an armed group.</p>
<p>Government spokesman Souleymane Keita said that the army had acted on "precise intelligence" and that fighters had been using the market to buy fuel and supplies.</p>
<p>"The army does not target markets. It targets those who hide among ordinary people," he told a news conference in Bamako.</p>
<p>Local officials and residents have said that all of the dead were traders and herders. The United Nations has called for an independent investigation.</p>
<p>Keita said that the government would open its own inquiry and threatened legal action against media outlets that published "false casualty figures".</p>
</article>
<footer><p>Sahel Monitor · About · Contact · Advertise</p></footer>
</body>
</html>
"""

ROBOTS_TXT = "User-agent: *\nDisallow: /search\n"


def _write(writer: WARCWriter, n: int, uri: str, date: str, body: str, mime: str) -> None:
    payload = body.encode("utf-8")
    http = StatusAndHeaders(
        "200 OK",
        [("Content-Type", mime), ("Content-Length", str(len(payload)))],
        protocol="HTTP/1.1",
    )
    headers = {
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
        "WARC-Date": date,
    }
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
    )
    writer.write_record(record)


def main() -> None:
    """Write examples/crawl.warc.gz."""
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = b"software: newsgraph examples/make_warc.py\r\nformat: WARC File Format 1.0\r\n"
        warcinfo = writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000000>",
                "WARC-Date": "2025-10-11T02:00:00Z",
                "WARC-Filename": OUT.name,
            },
        )
        writer.write_record(warcinfo)
        _write(
            writer,
            1,
            "https://straits-observer.example/asia/2025/10/10/natuna-boats",
            "2025-10-11T02:14:09Z",
            NATUNA_HTML,
            "text/html; charset=utf-8",
        )
        _write(
            writer,
            2,
            "https://sahel-monitor.example/robots.txt",
            "2025-10-11T02:14:30Z",
            ROBOTS_TXT,
            "text/plain",
        )
        _write(
            writer,
            3,
            "https://sahel-monitor.example/mali/government-denies-tessaghat-deaths",
            "2025-10-11T02:15:51Z",
            MALI_HTML,
            "text/html; charset=utf-8",
        )


if __name__ == "__main__":
    main()
