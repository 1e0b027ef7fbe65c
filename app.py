"""Dashboard entry point: navigation and the shared sidebar. Each page is a module in dashboard/pages/."""

import streamlit as st

from dashboard import state

# Streamlit runs this file as __main__; the analysis's worker processes (started with "spawn") import it again as
# __mp_main__, and must not draw the dashboard there: the usual guard of a multiprocessing entry point.
if __name__ == "__main__":
    # An emoji favicon is drawn by the browser itself; a Material one would be fetched from a font server.
    st.set_page_config(page_title="News coverage comparison", page_icon="📰", layout="wide")

    PAGES = [
        st.Page(f"{state.PAGES_DIR}/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page(f"{state.PAGES_DIR}/topics.py", title="Topics", icon=":material/category:", url_path="topics"),
        st.Page(f"{state.PAGES_DIR}/quotes.py", title="Quotes", icon=":material/format_quote:", url_path="quotes"),
        st.Page(f"{state.PAGES_DIR}/figures.py", title="Figures", icon=":material/numbers:", url_path="figures"),
        st.Page(f"{state.PAGES_DIR}/compare.py", title="Compare", icon=":material/compare:", url_path="compare"),
        st.Page(f"{state.PAGES_DIR}/reader.py", title="Reader", icon=":material/article:", url_path="reader"),
        st.Page(f"{state.PAGES_DIR}/corpus.py", title="Corpus", icon=":material/folder_open:", url_path="corpus"),
    ]

    page = st.navigation(PAGES)
    st.session_state[state.CURRENT_PAGE] = page.url_path
    state.sidebar()
    page.run()
