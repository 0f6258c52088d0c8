"""HTML pages: the article is kept, laid out like the text files; the page furniture is dropped."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics.ingest.html import declared_charset, extract_article

DEV = Path(__file__).parent / "corpus" / "dev"
PAGE = (DEV / "hc-sanmin-2022.html").read_text(encoding="utf-8")
TEXT = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")

BODY = "市教育局持续加大优质教育资源供给,新建改扩建中小学幼儿园42所,提供公办学位7万余个。"


def test_the_corpus_page_reads_exactly_as_the_text_file():
    article = extract_article(PAGE)
    assert article is not None
    assert article.text == TEXT


def test_page_furniture_and_scripts_are_dropped():
    text = extract_article(PAGE).text
    for noise in ("字体大小", "打印", "关闭窗口", "©", "Copyright", "版权所有", "doZoom", "20221125001", "当前位置",
                  "相关链接", "网上评议入口", "首页", "政务公开", "请输入关键词", "无障碍", "浏览次数", "主办"):
        assert noise not in text, noise


def test_one_paragraph_per_line_with_blank_lines_between():
    lines = extract_article(PAGE).text.split("\n")
    assert lines[0] == "2022“三民”活动:政府工作向您报告"
    assert lines[1] == "海川政务网 发布日期 : 2022-11-25 来源 : 海川日报"
    assert lines[2] == ""
    assert all(line for line in lines[3:-1:2]) and not any(lines[4:-1:2])


def test_head_meta_is_returned_for_metadata():
    meta = extract_article(PAGE).meta
    assert meta["title"] == "2022“三民”活动:政府工作向您报告"
    assert meta["published"].startswith("2022-11-25")
    assert meta["publisher"] == "海川日报"


def test_a_page_without_article_gives_none():
    page = """<html><head><title>海川市人民政府</title></head><body>
    <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
    <div class="breadcrumb">当前位置:<a href="/">首页</a> &gt; 政务公开</div>
    <ul class="list"><li><a href="/1">市教育局推动基础教育优质均衡发展</a></li>
    <li><a href="/2">市科技局加快建设区域科技创新中心</a></li></ul>
    <div class="footer"><p>Copyright &copy; 2022 海川市人民政府 版权所有 未经授权禁止复制或建立镜像</p></div>
    <script>var id = 20221125001;</script></body></html>"""
    assert extract_article(page) is None
    assert extract_article("") is None
    assert extract_article("<html><body><script>alert(1)</script></body></html>") is None


def test_an_unknown_layout_is_found_by_text_density():
    page = f"""<html><body>
    <div id="top"><a href="/">首页</a> <a href="/a">机构设置</a> <a href="/b">政策文件</a></div>
    <table><tr><td class="left"><a href="/x">通知公告</a></td><td class="main">
      <p>　　{BODY}</p><p>学前教育普惠率提高到91.2%,全年发放学生资助资金1.45亿元。<br>加强教师队伍建设。</p>
    </td></tr></table>
    <div class="foot">地址:海川市人民路1号 电话:12345</div></body></html>"""
    text = extract_article(page).text
    assert text == f"{BODY}\n\n学前教育普惠率提高到91.2%,全年发放学生资助资金1.45亿元。\n\n加强教师队伍建设。\n"


def test_toolbar_lines_inside_the_article_are_dropped():
    page = f"""<html><body><h1>市教育局工作报告</h1><div class="info">发布时间:2022-11-28 来源:海川日报
    【字体:大 中 小】 浏览次数:1234</div><div id="zoom"><p>{BODY}</p><p>【打印本页】【关闭窗口】</p></div></body></html>"""
    text = extract_article(page).text
    assert text == f"市教育局工作报告\n发布时间:2022-11-28 来源:海川日报\n\n{BODY}\n"


def test_declared_charset():
    assert declared_charset(b'<html><head><meta charset="gb2312">') == "gb2312"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK" />') == "GBK"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' pdivabrscripth1市教育局新建学校42所。,&;")), max_size=300))
def test_any_markup_gives_an_article_or_none(markup):
    article = extract_article(markup)
    assert article is None or article.text.endswith("\n")


def test_a_utility_class_on_the_article_container_does_not_prune_it():
    page = f"""<html><body><div class="nav"><a href="/">首页</a></div>
    <div class="container position-relative"><p>{BODY}</p><p>{BODY}</p></div>
    <div class="footer">主办:海川市人民政府办公厅</div></body></html>"""
    assert extract_article(page).text == f"{BODY}\n\n{BODY}\n"
