//! Pages of the web UI (filled in with isnad serve).
