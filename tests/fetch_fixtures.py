"""A local HTTP server on 127.0.0.1 for the fetch tests, and constructed report pages to serve.

No fetch test reaches the internet: every URL points at this server, started by the tests. The
server is threaded, so a handler that sleeps past the client's timeout does not hold up the next
request.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from govmetrics.fetch import FetchSettings

# Small limits so that retries, timeouts and the size cap are exercised in a fraction of a second.
FAST = FetchSettings(timeout=0.5, deadline=5.0, retries=2, backoff=0.01, max_backoff=0.05, max_bytes=64 * 1024, max_redirects=3)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    httpd = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpd.start()
    try:
        yield httpd
    finally:
        httpd.clear()
        httpd.stop()


@pytest.fixture()
def local(server: HTTPServer) -> HTTPServer:
    """The module's server with no handlers and an empty request log."""
    server.clear()
    return server


def report_page(year: int = 2023, *, schools: int = 40, charset: str = "gb18030") -> str:
    """A constructed city portal page holding a short departmental report (its figures are invented)."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="ArticleTitle" content="{year}“三民”活动:政府工作向您报告">
<meta name="PubDate" content="{year}-11-20 08:30">
<meta name="ContentSource" content="云州日报">
<title>{year}“三民”活动:政府工作向您报告_云州市人民政府</title>
</head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article">
<h1>{year}“三民”活动:政府工作向您报告</h1>
<div class="info">云州政务网 发布日期:{year}-11-20 来源:云州日报</div>
<div id="zoom">
<p>市教育局努力办好人民满意的教育</p>
<p>{year}年,全市教育系统加快中小学幼儿园新建改扩建,{schools}所学校开工,提供公办学位1.2万个,学前教育普惠率达到92.5%。</p>
<p>市民政局兜牢民生保障底线</p>
<p>全年发放城乡低保金3.6亿元,新建社区养老服务站28处,为1.5万名困难老人提供居家养老服务。</p>
</div>
</div>
<div class="footer">版权所有 云州市人民政府</div>
</body>
</html>
"""
