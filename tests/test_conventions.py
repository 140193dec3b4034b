"""Publishing conventions per target locale (issue 22 item 3): expectations from babel."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date

from l10nflow.config import load_config
from l10nflow.conventions import Conventions, LocaleSettings, apply_conventions, localise
from l10nflow.errors import ConfigError
from l10nflow.pofile import read_po
from l10nflow.project import Project
from l10nflow.translate import translate_project

from .engines import fake_factory
from .helpers import write_project

JULY_30 = datetime.date(2024, 7, 30)
SY_DUAL = LocaleSettings("ar-SY", digits="arabic", months="dual")
EG_LATIN = LocaleSettings("ar-EG", digits="latin")


def test_the_example_dateline_in_two_arabic_locales() -> None:
    assert localise("2024-07-30", SY_DUAL) == "٣٠ تموز/يوليو ٢٠٢٤"
    assert localise("2024-07-30", EG_LATIN) == "30 يوليو 2024"


@pytest.mark.parametrize("name", ["ar-QA", "ar-EG", "ar-LB", "ar-SY", "ar-MA", "en-US", "en-GB"])
def test_latin_dates_are_babels_long_format(name: str) -> None:
    settings = LocaleSettings(name, digits="latin")
    expected = format_date(JULY_30, "long", locale=name.replace("-", "_"))
    assert localise("2024-07-30", settings) == expected


def test_month_names_come_from_the_locale_and_dual_joins_two_locales() -> None:
    levant = Locale.parse("ar_SY").months["format"]["wide"]
    egypt = Locale.parse("ar_EG").months["format"]["wide"]
    assert Conventions(LocaleSettings("ar-LB")).month_names()[4] == levant[5]
    assert Conventions(SY_DUAL).month_names()[4] == f"{levant[5]}/{egypt[5]}" == "أيار/مايو"
    maghreb = LocaleSettings("ar-SY", months="dual", dual=("ar-MA", "ar-EG"))
    assert (
        Conventions(maghreb).month_names()[0] == Locale.parse("ar_MA").months["format"]["wide"][1]
    )  # the same name in both locales is written once


def test_digits_follow_the_setting_or_the_locales_numbering_system() -> None:
    assert Locale.parse("ar_QA").default_numbering_system == "arab"
    assert localise("2021", LocaleSettings("ar-QA")) == "٢٠٢١"
    assert localise("٢٠٢١", LocaleSettings("ar-QA", digits="latin")) == "2021"
    assert Locale.parse("ar_MA").default_numbering_system == "latn"
    assert localise("2021", LocaleSettings("ar-MA")) == "2021"


def test_separators_are_babels_and_grouping_is_kept_as_written() -> None:
    assert localise("1,234.5 و2024", SY_DUAL) == "١٬٢٣٤٫٥ و٢٠٢٤"
    lebanon = LocaleSettings("ar-LB", digits="latin")  # CLDR: 1.234,5 in Lebanon
    assert localise("1,234.5", lebanon) == "1.234,5"
    assert localise("1,234.5", EG_LATIN) == "1,234.5"
    assert localise("نما 3.5% و40٪", SY_DUAL) == "نما ٣٫٥٪ و٤٠٪"  # CLDR's sign of arab digits
    assert localise("نما 3.5% و40٪", EG_LATIN) == "نما 3.5% و40%"


def test_dates_with_any_month_name_are_rewritten_in_the_target_style() -> None:
    text = "يوم 14 أيار/مايو 2018 وفي 21 يونيو 2021"
    assert localise(text, SY_DUAL) == "يوم ١٤ أيار/مايو ٢٠١٨ وفي ٢١ حزيران/يونيو ٢٠٢١"
    assert localise(text, EG_LATIN) == "يوم 14 مايو 2018 وفي 21 يونيو 2021"
    assert localise("On 14 May 2018.", LocaleSettings("en-US")) == "On May 14, 2018."
    assert localise("On May 14, 2018.", LocaleSettings("en-GB")) == "On 14 May 2018."


def test_markup_urls_placeholders_and_non_dates_are_left_alone() -> None:
    text = "<1>2024</1> https://x.org/2024-07-30 {0} `v1.2` 192.168.1.1"
    assert localise(text, SY_DUAL) == "<1>٢٠٢٤</1> https://x.org/2024-07-30 {0} `v1.2` 192.168.1.1"
    assert localise("2024-13-45", EG_LATIN) == "2024-13-45"


def test_a_language_without_settings_is_untouched() -> None:
    assert apply_conventions("2024-07-30", "en", {"ar": SY_DUAL}) == "2024-07-30"


def _config(tmp_path: Path, text: str):
    path = tmp_path / "l10nflow.toml"
    path.write_text('target_languages = ["ar"]\n' + text, encoding="utf-8")
    return load_config(path)


def test_locale_table_shared_and_per_target_options(tmp_path: Path) -> None:
    config = _config(tmp_path, '[locale]\nar = "ar-QA"\ndigits = "latin"\nmonths = "dual"\n')
    assert config.locale["ar"] == LocaleSettings("ar-QA", digits="latin", months="dual")
    config = _config(
        tmp_path, '[locale]\ndigits = "latin"\n[locale.ar]\nlocale = "ar-SY"\ndigits = "arabic"\n'
    )
    assert config.locale["ar"] == LocaleSettings("ar-SY", digits="arabic")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[locale]\nar = "ar-QA"\ndigits = "roman"\n', 4, "locale.digits"),
        ('[locale]\nar = "xx-QQ"\n', 3, "not a locale"),
        ('[locale]\nar = "en-US"\n', 3, "not a locale of 'ar'"),
        ('[locale]\nar = "ar-QA"\ncalendar = "islamic"\n', 4, "locale.calendar"),
        ('[locale.ar]\nlocale = "ar-SY"\nmonths = "both"\n', 4, "locale.ar.months"),
        ('[locale]\nar = "ar-SY"\ndual = ["ar-SY"]\n', 4, "two locales"),
    ],
)
def test_bad_locale_settings_name_the_line(tmp_path: Path, text: str, line: int, words: str):
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, text)
    assert caught.value.line == line
    assert words in str(caught.value)


def test_machine_translations_follow_the_targets_conventions(tmp_path: Path) -> None:
    config = '[locale]\nar = "ar-SY"\ndigits = "arabic"\nmonths = "dual"\n'
    root = write_project(tmp_path / "p", {"articles/a.txt": "Alliances\n\n2024-07-30\n"}, config)
    project = Project.discover(root)
    translate_project(project, engine_factory=fake_factory())
    catalog = read_po(root / "locales/ar/LC_MESSAGES/a.po")
    dateline = next(entry for entry in catalog if entry.msgid == "2024-07-30")
    assert dateline.msgstr == "[en→ar] ٣٠ تموز/يوليو ٢٠٢٤"


def test_the_example_articles_dateline_comes_out_in_the_targets_style(tmp_path: Path) -> None:
    """examples/partnership sets [locale] en = "en-US": its dateline reads July 30, 2024."""
    import shutil

    root = tmp_path / "partnership"
    shutil.copytree(Path(__file__).parents[1] / "examples/partnership", root)
    shutil.rmtree(root / "locales", ignore_errors=True)
    project = Project.discover(root)
    assert project.config.locale["en"] == LocaleSettings("en-US")
    translate_project(project, engine_factory=fake_factory())
    catalog = read_po(root / "locales/en/LC_MESSAGES/qatar-wv-partnership.po")
    dateline = next(entry for entry in catalog if entry.msgid == "2024-07-30")
    assert dateline.msgstr == "[ar→en] July 30, 2024"
