from __future__ import annotations

import pytest

from eventwire.language import looks_english


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The minister said on Tuesday that the government would not change its policy on the border.", True),
        ("Talks resume.", True),
        ("Die Regierung hat am Mittwoch in Berlin neue Maßnahmen angekündigt, um die Wirtschaft zu stützen.", False),
        ("El gobierno anunció el miércoles nuevas medidas para apoyar a las empresas afectadas por la crisis.", False),
        ("Президент заявил в среду, что правительство не изменит свою политику.", False),
        ("政府は水曜日に新たな措置を発表した。", False),
        ("1234 5678 !!!", False),
    ],
)
def test_language_looks_english(text: str, expected: bool) -> None:
    assert looks_english(text) is expected
