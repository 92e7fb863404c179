import unicodedata

import pytest

from dxanalysis.vntext import clean_text, match_key, new_style_tone_marks


@pytest.mark.parametrize("old, new", [
    ("Uỷ ban", "Ủy ban"), ("văn hoá", "văn hóa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"),
    ("quý", "quý"), ("hoàn thành", "hoàn thành"), ("toán", "toán"), ("HOÁ", "HÓA"),
])
def test_tone_marks_move_to_new_style(old, new):
    assert new_style_tone_marks(old) == new


def test_match_key_folds_the_seed_variants():
    assert match_key("Tỉ lệ") == match_key("tỷ lệ")
    assert match_key("Phòng Văn hoá và Thông tin") == match_key("Phòng Văn hóa và Thông tin")
    assert match_key(unicodedata.normalize("NFD", "Chuyển đổi số")) == match_key("Chuyển đổi số")
    assert match_key("mô hìnhTuyên truyền") == match_key("mô hình tuyên truyền")
    assert match_key("TTHC") == "tthc"


def test_clean_text_keeps_the_analysts_spelling():
    assert clean_text(" Uỷ  ban ") == "Uỷ ban"


def test_strip_diacritics_and_enumeration():
    from dxanalysis.vntext import strip_diacritics, strip_enumeration
    assert strip_diacritics("Đồng Tháp, Ủy ban") == "Dong Thap, Uy ban"
    assert [strip_enumeration(t) for t in ("I. CHÍNH QUYỀN SỐ", "2.1. Tỷ lệ", "b) Cấp xã", "+ Cấp huyện",
                                           "E-invoice", "100% cơ quan")] == [
        "CHÍNH QUYỀN SỐ", "Tỷ lệ", "Cấp xã", "Cấp huyện", "E-invoice", "100% cơ quan"]


def test_vietnamese_letters_cover_the_alphabet_and_nothing_else():
    from dxanalysis.vntext import VIETNAMESE_LETTERS, is_vietnamese_letter
    assert len(VIETNAMESE_LETTERS) == 12 * 6 * 2 + 2
    assert all(is_vietnamese_letter(c) for c in "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựđĐƯỲ")
    assert not any(is_vietnamese_letter(c) for c in "ßñüøÐ¡")


def test_names_sort_in_vietnamese_dictionary_order():
    from dxanalysis.vntext import collation_key

    names = ["xã Vĩnh Thạnh", "xã Đông Thạnh", "xã Dinh Bà", "thị trấn Thường Thới Tiền", "xã Ân Phong", "xã An Bình"]
    assert sorted(names, key=collation_key) == ["thị trấn Thường Thới Tiền", "xã An Bình", "xã Ân Phong",
                                                  "xã Dinh Bà", "xã Đông Thạnh", "xã Vĩnh Thạnh"]
    assert sorted(names) != sorted(names, key=collation_key)  # code-point order puts Đ after V
