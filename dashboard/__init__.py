"""The Streamlit dashboard: shared state, widgets and one module per page (``dashboard/pages``).

It only displays what ``analysis`` computes.
"""
