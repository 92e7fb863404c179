"""Fixed words of a report (headings, column names, statuses) in Vietnamese and English.

Examples
--------
>>> label("status.not_met", "vi"), label("status.not_met", "en")
('Chưa đạt', 'Not met')
>>> STATUS_SYMBOLS["not_met"]
'✗'
"""

from __future__ import annotations

LANGS = ("vi", "en")

LABELS: dict[str, tuple[str, str]] = {
    "status.exceeded": ("Vượt chỉ tiêu", "Exceeded"),
    "status.met": ("Đạt chỉ tiêu", "Met"),
    "status.not_met": ("Chưa đạt", "Not met"),
    "status.indeterminate": ("Chưa xác định", "Cannot tell"),
    "status.no_target": ("Chưa giao chỉ tiêu", "No target"),
    "status.no_data": ("Chưa có số liệu", "No data"),
    "status.assessed_by_committee": ("Theo đánh giá của Ban Chỉ đạo", "As assessed by the committee"),
    "title": ("Sơ kết chuyển đổi số {period}", "Digital transformation review, {period}"),
    "committee": ("Ban Chỉ đạo Chuyển đổi số {unit}", "Digital Transformation Steering Committee, {unit}"),
    "meeting": ("Hội nghị ngày {date}, do {chair} chủ trì.", "Meeting of {date}, chaired by {chair}."),
    "toc": ("Mục lục", "Contents"),
    "print.page": ("Trang", "Page"),
    "illustrative": ("Lưu ý: số liệu của {items} là dữ liệu minh họa, không phải số liệu thật.",
                     "Note: the figures of {items} are illustrative, not real data."),
    "col.previous": ("Cùng kỳ {year}", "Same period {year}"),
    "col.change": ("Thay đổi", "Change"),
    "col.base": ("Kỳ gốc", "Baseline"),
    "col.latest": ("Kỳ gần nhất", "Latest"),
    "col.plan_target": ("Mục tiêu", "Target"),
    "col.progress": ("Tiến độ", "Progress"),
    "col.unit": ("Đơn vị", "Unit"),
    "progress": ("Tiến độ thực hiện mục tiêu kế hoạch", "Progress towards the plan's targets"),
    "progress.note": ("Đánh giá theo phương pháp tốc độ tăng trưởng bình quân (CAGR) của Open SDG: so sánh tốc độ đạt "
                      "được từ kỳ gốc với tốc độ cần có để đạt mục tiêu đúng hạn.",
                      "Assessed by Open SDG's growth-rate (CAGR) method: the growth achieved since the baseline "
                      "against the growth needed to reach the target on time."),
    "progress.target": ("{target} vào năm {year}", "{target} by {year}"),
    "progress.target_achieved": ("Đã đạt mục tiêu", "Target achieved"),
    "progress.on_track": ("Đúng tiến độ", "On track"),
    "progress.acceleration_needed": ("Cần đẩy nhanh", "Acceleration needed"),
    "progress.limited_progress": ("Tiến triển hạn chế", "Limited progress"),
    "progress.deterioration": ("Đang đi xuống", "Deterioration"),
    "progress.cannot_assess": ("Chưa đủ số liệu để đánh giá", "Cannot assess"),
    "index.title": ("Báo cáo sơ kết chuyển đổi số", "Digital transformation reviews"),
    "index.summary": ("{built} báo cáo đã lập, {failed} báo cáo lỗi. Lập lúc {generated} bằng dxanalysis {version}.",
                      "{built} reports published, {failed} failed. Generated at {generated} by dxanalysis {version}."),
    "index.period": ("Kỳ", "Period"),
    "index.reports": ("Báo cáo", "Reports"),
    "index.failed": ("Lỗi", "Failed"),
    "index.illustrative": ("có dữ liệu minh họa", "includes illustrative data"),
    "index.lang.vi": ("Tiếng Việt", "Vietnamese"),
    "index.other.vi": ("Danh mục báo cáo bằng tiếng Việt", "Danh mục báo cáo bằng tiếng Việt"),
    "index.other.en": ("Reports index in English", "Reports index in English"),
    "index.lang.en": ("Tiếng Anh", "English"),
    "register.fields": ("Theo lĩnh vực (tính từ sổ theo dõi hồ sơ)", "By field (computed from the dossier register)"),
    "col.field": ("Lĩnh vực", "Field"),
    "col.received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "col.online_rate": ("Trực tuyến", "Online"),
    "col.ontime_rate": ("Đúng hạn", "On time"),
    "col.services_rate": ("DVC trực tuyến phát sinh hồ sơ", "Online services used"),
    "children": ("({n}) Kết quả của các {level}", "({n}) Results of the {level}s"),
    "change.points": ("điểm phần trăm", "percentage points"),
    "errors_banner": ("{n} lỗi trong dữ liệu đầu vào — xem Phụ lục.", "{n} error(s) in the input data — see the Appendix."),
    "commitment.target": ("{result} — chỉ tiêu cam kết {target}", "{result} — committed {target}"),
    "commitment.area": ("Lĩnh vực", ""),
    "summary": ("Tóm tắt", "Summary"),
    "summary.total": ("Tổng số {n} chỉ tiêu được theo dõi trong kỳ.", "{n} indicators tracked this period."),
    "summary.achieved": ("Đạt, vượt chỉ tiêu", "Met or exceeded"),
    "summary.previous_none": ("Chưa có số liệu cùng kỳ {period} để so sánh.",
                              "No data for {period} to compare with."),
    "summary.previous": ("So với cùng kỳ {period}: {better} chỉ tiêu tốt hơn, {worse} chỉ tiêu kém hơn.",
                         "Against {period}: {better} indicators better, {worse} worse."),
    "achievements": ("I. Kết quả đạt được", "I. Achievements"),
    "pillar.heading": ("({n}) Về {pillar}", "({n}) {pillar}"),
    "pillar.none": ("Chưa có kết quả được ghi nhận trong kỳ.", "No results recorded this period."),
    "pillar.none_met": ("Các chỉ tiêu của lĩnh vực này chưa đạt chỉ tiêu giao (xem mục Tồn tại, hạn chế).",
                        "No indicator of this pillar met its target (see Shortcomings)."),
    "commitments": ("II. Thực hiện nội dung cam kết với {province}", "II. Commitments to {province}"),
    "commitments.province_default": ("Ủy ban nhân dân Tỉnh", "the Provincial People's Committee"),
    "commitments.committee.tỉnh": ("Ủy ban nhân dân Tỉnh", "the Provincial People's Committee"),
    "commitments.committee.huyện": ("Ủy ban nhân dân Huyện", "the District People's Committee"),
    "commitments.committee.thị xã": ("Ủy ban nhân dân Thị xã", "the Town People's Committee"),
    "commitments.committee.thành phố": ("Ủy ban nhân dân Thành phố", "the City People's Committee"),
    "commitments.none": ("Không có nội dung cam kết trong kỳ.", "No commitments this period."),
    "shortcomings": ("III. Tồn tại, hạn chế", "III. Shortcomings"),
    "shortcomings.none": ("Không có tồn tại, hạn chế nào được ghi nhận.", "No shortcomings recorded."),
    "tasks": ("IV. Nhiệm vụ được giao", "IV. Assigned tasks"),
    "tasks.none": ("Chưa có nhiệm vụ được giao.", "No tasks assigned."),
    "appendix": ("Phụ lục", "Appendix"),
    "appendix.quality": ("A. Chất lượng dữ liệu", "A. Data quality"),
    "appendix.quality.none": ("Không phát hiện vấn đề nào trong dữ liệu đầu vào.", "No problems found in the input data."),
    "appendix.provenance": ("B. Nguồn gốc dữ liệu", "B. Provenance"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.result": ("Kết quả", "Result"),
    "col.target": ("Chỉ tiêu giao", "Target"),
    "col.status": ("Đánh giá", "Status"),
    "col.area": ("Lĩnh vực", "Area"),
    "col.commitment": ("Nội dung cam kết", "Commitment"),
    "col.lead": ("Chủ trì", "Lead"),
    "col.coordinating": ("Phối hợp", "Coordinating"),
    "col.content": ("Nội dung", "Task"),
    "col.deadline": ("Thời hạn", "Deadline"),
    "col.severity": ("Mức độ", "Severity"),
    "col.where": ("Vị trí", "Where"),
    "col.problem": ("Vấn đề", "Problem"),
    "col.fix": ("Cách khắc phục", "How to fix"),
    "col.file": ("Tệp", "File"),
    "col.sha256": ("SHA-256", "SHA-256"),
    "col.parameter": ("Tham số", "Parameter"),
    "col.value": ("Giá trị", "Value"),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "severity.info": ("Thông tin", "Note"),
    "provenance.version": ("Phiên bản dxanalysis", "dxanalysis version"),
    "provenance.generated": ("Thời điểm lập báo cáo", "Generated at"),
    "provenance.footer": ("Báo cáo được lập tự động từ dữ liệu bằng dxanalysis {version}, lúc {time}.",
                          "Generated from the data by dxanalysis {version} at {time}."),
    "chart.caption": ("Biểu đồ {n}. {pillar}: kết quả so với chỉ tiêu giao", "Chart {n}. {pillar}: results against targets"),
    "chart.alt": ("Biểu đồ thanh ngang so sánh kết quả với chỉ tiêu giao, lĩnh vực {pillar}: {items}.",
                  "Horizontal bar chart of results against targets, {pillar}: {items}."),
    "chart.target": ("Chỉ tiêu giao", "Target"),
    "chart.trend_caption": ("Biểu đồ {n}b. {pillar}: diễn biến qua các kỳ (đường đứt nét: chỉ tiêu giao)",
                            "Chart {n}b. {pillar}: over the periods (dashed line: target)"),
    "chart.trend_alt": ("Biểu đồ đường diễn biến qua các kỳ, lĩnh vực {pillar}: {items}.",
                        "Line charts over the periods, {pillar}: {items}."),
    "chart.children_caption": ("Biểu đồ xếp hạng các {level} theo từng chỉ tiêu (đường dọc: chỉ tiêu giao)",
                               "Ranking of the {level}s on each indicator (vertical line: target)"),
    "chart.children_alt": ("Biểu đồ thanh xếp hạng các {level}: {items}.", "Bar charts ranking the {level}s: {items}."),
    "chart.axis": ("Tỷ lệ (%)", "Rate (%)"),
    "chart.no_target": ("chưa giao chỉ tiêu", "no target"),
    "chart.item": ("{name} {value}", "{name} {value}"),
    "chart.item_target": ("{name} {value} (chỉ tiêu {target}, {status})", "{name} {value} (target {target}, {status})"),
    "deadline.none": ("Thường xuyên", "Ongoing"),
    "scope": ("toàn {level}", "{level}-wide"),
    "unverified": ("theo đánh giá của Ban Chỉ đạo", "as assessed by the committee"),
}

STATUS_SYMBOLS = {
    "exceeded": "▲", "met": "✓", "not_met": "✗", "indeterminate": "?", "no_target": "–", "no_data": "…",
    "target_achieved": "✓", "on_track": "↗", "acceleration_needed": "→", "limited_progress": "↘",
    "deterioration": "✗", "cannot_assess": "…",
}


def label(key: str, lang: str = "vi", **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text

# Administrative levels as the unit registry types them, and their English names.
LEVELS_EN = {"tỉnh": "province", "huyện": "district", "thị xã": "town", "thành phố": "city",
             "xã": "commune", "phường": "ward", "thị trấn": "township"}


def level_name(level: str, lang: str = "vi") -> str:
    """A unit level (``huyện``) in ``lang``.

    >>> level_name("huyện", "en")
    'district'
    """
    return level if lang == "vi" else LEVELS_EN.get(level, level)
