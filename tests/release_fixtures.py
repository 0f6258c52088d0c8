"""Small, internally consistent tables for every published model, built from synthetic reports.

Each report is a short text in the shape of a "三民" work report; every span, id and foreign key is
computed from that text, so the tables pass their models and the release's foreign-key checks the
way real pipeline output does.  ``synthetic_tables(["qingdao-2022", "hangzhou-2022"])`` is the first
build plus one new report.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

# One entry per mention: (part, quantity_text, value, unit, qualifier, role, direction, label, period)
REPORTS: dict[str, dict[str, Any]] = {
    "qingdao-2022": {
        "source_file": "2022/qingdao-sanmin-2022.txt",
        "city": "青岛",
        "report_year": 2022,
        "title": "2022“三民”活动:政府工作向您报告",
        "publisher": "青岛日报",
        "site": "青岛政务网",
        "published": "2022-11-28",
        "intro": "2022“三民”活动:政府工作向您报告\n今年全市共有35个部门参加“三民”活动。\n",
        "intro_mentions": [
            ("body", "35个", 35.0, "个", "exact", "value", None, "部门", None),
        ],
        "sections": [
            {
                "department": "市教育局", "department_id": "education", "department_en": "Municipal Education Bureau",
                "headline": "新增学位2.3万个",
                "body": "全市新建改扩建中小学幼儿园52所,新增学位2.3万个。义务教育阶段学生约86万人,比上年增长3.5%。",
                "mentions": [
                    ("headline", "2.3万个", 23000.0, "个", "exact", "value", None, "学位", None),
                    ("body", "52所", 52.0, "所", "exact", "value", None, "中小学幼儿园", "2022"),
                    ("body", "2.3万个", 23000.0, "个", "exact", "value", None, "学位", "2022"),
                    ("body", "约86万人", 860000.0, "人", "approx", "value", None, "义务教育阶段学生", None),
                    ("body", "3.5%", 3.5, "%", "exact", "change", "up", "义务教育阶段学生", None),
                ],
            },
            {
                "department": "市民政局", "department_id": "civil_affairs", "department_en": "Municipal Civil Affairs Bureau",
                "headline": None,
                "body": "发放低保金1.6亿元,城乡低保标准提高到每人每月1050元,养老床位超过5000张。",
                "mentions": [
                    ("body", "1.6亿元", 160000000.0, "元", "exact", "value", None, "低保金", None),
                    ("body", "1050元", 1050.0, "元/月", "exact", "value", None, "城乡低保标准", None),
                    ("body", "超过5000张", 5000.0, "张", "more_than", "value", None, "养老床位", None),
                ],
            },
        ],
    },
    "hangzhou-2022": {
        "source_file": "2022/hangzhou-sanmin-2022.txt",
        "city": "杭州",
        "report_year": 2022,
        "title": "2022年杭州市政府部门工作报告",
        "publisher": "杭州日报",
        "site": "杭州市人民政府门户网站",
        "published": "2023-01-05",
        "intro": "",
        "intro_mentions": [],
        "sections": [
            {
                "department": "市科技局", "department_id": "science_technology",
                "department_en": "Municipal Science and Technology Bureau",
                "headline": "新认定高新技术企业1800家",
                "body": "新认定高新技术企业1800家,全社会研发投入强度达到3.5%以上,排名全省第1。",
                "mentions": [
                    ("headline", "1800家", 1800.0, "家", "exact", "value", None, "高新技术企业", None),
                    ("body", "1800家", 1800.0, "家", "exact", "value", None, "高新技术企业", None),
                    ("body", "3.5%以上", 3.5, "%", "at_least", "value", None, "研发投入强度", None),
                    ("body", "第1", 1.0, None, "exact", "rank", None, "全省排名", None),
                ],
            },
        ],
    },
    "qingdao-2023": {
        "source_file": "2023/qingdao-sanmin-2023.txt",
        "city": "青岛",
        "report_year": 2023,
        "title": "2023“三民”活动:政府工作向您报告",
        "publisher": "青岛日报",
        "site": "青岛政务网",
        "published": "2023-12-01",
        "intro": "",
        "intro_mentions": [],
        "sections": [
            {
                "department": "市司法局", "department_id": "justice", "department_en": "Municipal Justice Bureau",
                "headline": None,
                "body": "办理法律援助案件1.2万件,同比下降4个百分点,计划2024年达到1.5万件。",
                "mentions": [
                    ("body", "1.2万件", 12000.0, "件", "exact", "value", None, "法律援助案件", "2023"),
                    ("body", "4个百分点", 4.0, "百分点", "exact", "change", "down", "法律援助案件", None),
                    ("body", "1.5万件", 15000.0, "件", "exact", "target", None, "法律援助案件", "2024"),
                ],
            },
            {
                "department": "市民政局", "department_id": "civil_affairs", "department_en": "Municipal Civil Affairs Bureau",
                "headline": None,
                "body": "发放低保金1.5亿元,养老床位超过5600张。",
                "mentions": [
                    ("body", "1.5亿元", 150000000.0, "元", "exact", "value", None, "低保金", None),
                    ("body", "超过5600张", 5600.0, "张", "more_than", "value", None, "养老床位", None),
                ],
            },
        ],
    },
}

# Labels the indicator catalogue knows: label -> (metric_id, name_zh, name_en).  Others get auto_<hash>.
CATALOGUE = {
    "低保金": ("civil_affairs.subsistence_allowance", "低保金发放额", "Subsistence allowance paid"),
    "养老床位": ("civil_affairs.elderly_care_beds", "养老床位数", "Elderly care beds"),
}


def metric_id(label: str | None) -> str:
    if label in CATALOGUE:
        return CATALOGUE[label][0]
    return "auto_" + hashlib.sha256((label or "").encode()).hexdigest()[:12]


# Quarantined files, with details a spreadsheet would run as formulas if not neutralized.
REJECTED = [
    {"source_file": "2022/broken.html", "sha256": hashlib.sha256(b"<html></html>").hexdigest(),
     "reason": "no_article", "detail": "=1+1 页面没有可识别的正文"},
    {"source_file": "2022/empty.txt", "sha256": hashlib.sha256(b"").hexdigest(),
     "reason": "empty", "detail": "-abc 文件为空"},
    {"source_file": "2022/unreadable.bin", "sha256": None, "reason": "binary", "detail": "@SUM(A1) 不是文本文件"},
]


def report_text(key: str) -> str:
    """The full text of a synthetic report (what documents.text holds and spans index)."""
    r = REPORTS[key]
    parts = [r["intro"]]
    for s in r["sections"]:
        parts.append(s["department"] + "\n")
        if s["headline"]:
            parts.append(s["headline"] + "\n")
        parts.append(s["body"] + "\n")
    return "".join(parts)


def report_sha256(key: str) -> str:
    return hashlib.sha256(report_text(key).encode("utf-8")).hexdigest()


def _sentence(text: str, start: int) -> str:
    lo = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min(i for i in (text.find("。", start), text.find("\n", start), len(text)) if i != -1)
    return text[lo: hi + (1 if hi < len(text) and text[hi] == "。" else 0)]


def synthetic_tables(keys: list[str] | None = None, *, rejected: bool = True) -> dict[str, pd.DataFrame]:
    """Every published table for the given reports (default: the 2022 Qingdao report alone)."""
    keys = keys or ["qingdao-2022"]
    docs, sections, mentions, metrics = [], [], [], []
    for key in keys:
        r = REPORTS[key]
        text = report_text(key)
        sha = report_sha256(key)
        doc_id = sha[:16]
        docs.append({
            "doc_id": doc_id, "source_file": r["source_file"], "sha256": sha, "city": r["city"],
            "report_year": r["report_year"], "title": r["title"], "department": None,
            "publisher": r["publisher"], "site": r["site"], "published": r["published"],
            "source_url": None, "retrieved": None, "license": "政府工作报告,向社会公开发布", "source_note": "合成测试文本",
            "format": "txt", "encoding": "utf-8", "script": "simplified", "n_chars": len(text), "text": text,
        })
        blocks = []  # (seq, department dict or None, start, end, heading, headline, body, body_start, headline_start)
        pos = 0
        if r["intro"]:
            blocks.append((0, None, 0, len(r["intro"]), None, None, r["intro"].rstrip("\n"), 0, None, r["intro_mentions"]))
            pos = len(r["intro"])
        for i, s in enumerate(r["sections"], start=1):
            start = pos
            pos += len(s["department"]) + 1
            headline_start = None
            if s["headline"]:
                headline_start = pos
                pos += len(s["headline"]) + 1
            body_start = pos
            pos += len(s["body"]) + 1
            blocks.append((i, s, start, pos, s["department"], s["headline"], s["body"], body_start, headline_start, s["mentions"]))
        for seq, s, start, end, heading, headline, body, body_start, headline_start, ments in blocks:
            section_id = f"{doc_id}:{start}"
            sections.append({
                "section_id": section_id, "doc_id": doc_id, "seq": seq, "report_year": r["report_year"],
                "city": r["city"], "department": s and s["department"], "department_id": s and s["department_id"],
                "department_en": s and s["department_en"], "start": start, "end": end,
                "heading": heading, "headline": headline, "body": body,
            })
            headline_texts = set()
            for part, qt, value, unit, qual, role, direction, label, period in ments:
                base = headline_start if part == "headline" else body_start
                hay = headline if part == "headline" else body
                m_start = base + hay.index(qt)
                m_end = m_start + len(qt)
                assert text[m_start:m_end] == qt
                row = {
                    "mention_id": f"{doc_id}:{m_start}-{m_end}", "doc_id": doc_id, "section_id": section_id,
                    "report_year": r["report_year"], "city": r["city"],
                    "department": s and s["department"], "department_id": s and s["department_id"],
                    "label": label, "value": value, "unit": unit, "qualifier": qual, "role": role,
                    "direction": direction, "period": period, "headline": part == "headline",
                    "quantity_text": qt, "start": m_start, "end": m_end, "sentence": _sentence(text, m_start),
                }
                mentions.append(row)
                if part == "headline":
                    headline_texts.add(qt)
                    continue
                metrics.append({
                    "fact_id": row["mention_id"],
                    "metric_id": metric_id(label),
                    "indicator_name_zh": CATALOGUE[label][1] if label in CATALOGUE else label,
                    "report_year": r["report_year"], "city": r["city"],
                    "department": row["department"], "department_id": row["department_id"], "label": label,
                    "value": value, "value_min": None, "value_max": None, "unit": unit, "qualifier": qual,
                    "role": role, "direction": direction, "period": period, "in_headline": qt in headline_texts, "n_mentions": 2 if qt in headline_texts else 1,
                    "doc_id": doc_id, "start": m_start, "end": m_end, "quantity_text": qt, "sentence": row["sentence"],
                })
    tables = {
        "metrics": pd.DataFrame(metrics),
        "metric_changes": pd.DataFrame(_metric_changes(metrics), columns=METRIC_CHANGES_COLUMNS),
        "indicators": pd.DataFrame(_indicators(metrics)),
        "metric_id_aliases": pd.DataFrame(columns=["old_metric_id", "metric_id", "since_version", "reason"]),
        "label_crosswalk": pd.DataFrame(_label_crosswalk(metrics)),
        "mentions": pd.DataFrame(mentions),
        "sections": pd.DataFrame(sections),
        "documents": pd.DataFrame(docs),
        "documents_rejected": pd.DataFrame(
            REJECTED if rejected else [], columns=["source_file", "sha256", "reason", "detail"]
        ),
    }
    # Shuffle rows: the release must order them itself.
    return {name: df.iloc[::-1].reset_index(drop=True) for name, df in tables.items()}


METRIC_CHANGES_COLUMNS = [
    "city", "metric_id", "role", "department", "department_id", "label", "unit", "year", "value", "qualifier",
    "direction", "period", "fact_id", "previous_year", "previous_label", "previous_value", "previous_qualifier",
    "previous_direction", "previous_period", "previous_source", "previous_report_value", "previous_report_fact_id",
    "in_text_baseline_value", "in_text_baseline_fact_id", "implied_previous_value", "implied_previous_min",
    "implied_previous_max", "implied_by_fact_id", "absolute_change", "percent_change", "conflict", "conflict_with",
    "approximate", "comparable", "link_evidence", "link_score", "flag",
]


def _metric_changes(metrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each value figure beside the same city's previous-year figure of the same indicator and unit."""
    index = {(m["city"], m["metric_id"], m["role"], m["unit"], m["report_year"]): m for m in metrics}
    rows = []
    for (city, mid, role, unit, year), m in index.items():
        prev = index.get((city, mid, role, unit, year - 1))
        if prev is None or role != "value" or unit is None:
            continue
        change = m["value"] - prev["value"]  # may be negative: a figure that fell
        rows.append({
            "city": city, "metric_id": mid, "role": role, "department": m["department"],
            "department_id": m["department_id"], "label": m["label"], "unit": unit, "year": year,
            "value": m["value"], "qualifier": m["qualifier"], "direction": None, "period": m["period"],
            "fact_id": m["fact_id"], "previous_year": year - 1, "previous_label": prev["label"],
            "previous_value": prev["value"], "previous_qualifier": prev["qualifier"], "previous_direction": None,
            "previous_period": prev["period"], "previous_source": "previous_report",
            "previous_report_value": prev["value"], "previous_report_fact_id": prev["fact_id"],
            "in_text_baseline_value": None, "in_text_baseline_fact_id": None,
            "implied_previous_value": None, "implied_previous_min": None, "implied_previous_max": None,
            "implied_by_fact_id": None,
            "absolute_change": change, "percent_change": change / prev["value"] * 100,
            "conflict": False, "conflict_with": None,
            "approximate": m["qualifier"] != "exact" or prev["qualifier"] != "exact",
            "comparable": True, "link_evidence": "same_label", "link_score": 1.0, "flag": None,
        })
    return rows


def _label_crosswalk(metrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (department, label, unit, role) of the metrics, with the indicator id it was given."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for m in metrics:
        groups.setdefault((m["department_id"], m["label"], m["unit"], m["role"]), []).append(m)
    rows = []
    for (dept_id, label, unit, role), ms in groups.items():
        known = CATALOGUE.get(label)
        rows.append({
            "crosswalk_id": "xw_" + hashlib.sha256(repr((dept_id, label, unit, role)).encode()).hexdigest()[:12],
            "department": ms[0]["department"], "department_id": dept_id, "label": label, "role": role,
            "unit": unit, "normalized_label": label, "metric_id": metric_id(label),
            "source": "catalogue" if known else "automatic", "match": "variant" if known else "automatic",
            "score": 1.0 if known else None, "matched_variant": label if known else None,
            "name_zh": known[1] if known else None, "name_en": known[2] if known else None,
            "n_facts": len(ms), "first_year": min(m["report_year"] for m in ms),
            "last_year": max(m["report_year"] for m in ms),
        })
    return rows


def _indicators(metrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per metric_id of the metrics, named by the catalogue or by its label."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in metrics:
        groups.setdefault(m["metric_id"], []).append(m)
    rows = []
    for mid, ms in groups.items():
        known = CATALOGUE.get(ms[0]["label"])
        rows.append({
            "metric_id": mid, "name_zh": known[1] if known else (ms[0]["label"] or mid),
            "name_en": known[2] if known else None, "department_id": ms[0]["department_id"],
            "unit": ms[0]["unit"], "unit_en": None, "kind": None, "definition": None, "in_catalogue": bool(known),
            "first_year": min(m["report_year"] for m in ms), "last_year": max(m["report_year"] for m in ms),
            "n_facts": len(ms),
        })
    return rows


def synthetic_sources(keys: list[str] | None = None) -> list[dict[str, Any]]:
    """The ``sources`` argument of publish() for the given reports."""
    keys = keys or ["qingdao-2022"]
    return [
        {
            "title": REPORTS[k]["title"],
            "path": "raw/" + REPORTS[k]["source_file"],
            "sha256": report_sha256(k),
            "publisher": REPORTS[k]["publisher"],
            "published": REPORTS[k]["published"],
        }
        for k in keys
    ]


def synthetic_years(keys: list[str] | None = None) -> list[int]:
    return sorted({REPORTS[k]["report_year"] for k in (keys or ["qingdao-2022"])})
