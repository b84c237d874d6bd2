"""The open data API: committees, meetings with their public agendas, decisions and the Forward Plan (ADR 0006)."""
