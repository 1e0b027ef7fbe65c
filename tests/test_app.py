from streamlit.testing.v1 import AppTest

from .conftest import ROOT


def test_app_renders_the_seed_analysis_without_exceptions():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert len(at.dataframe) == 5
    assert at.metric[0].value == "5"
