//! `isnad serve [--db FILE] [--addr 127.0.0.1:8080]`: the ledger in a browser. Pages
//! for figures (with split / merge / name), documents with every claim marked,
//! speakers, search and decisions; a JSON API under `/api/` behind every page.
//!
//! Loopback by default. Request bodies are capped and every request has a deadline;
//! nothing from disk is served (the only asset, the stylesheet, is inlined in each
//! page); every value rendered is escaped by the templates. Form posts from another
//! origin are refused, so a web page the analyst visits cannot edit the ledger.

mod api;
mod state;
mod ui;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "isnad.db")]
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

/// Largest request body: decisions and names are small.
const MAX_BODY: usize = 64 * 1024;
/// Longest a request may take (a search or a regrouping of a large dossier).
const DEADLINE: Duration = Duration::from_secs(30);

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(ui::figures))
        .route("/figure/{id}", get(ui::figure))
        .route("/figure/{id}/name", post(ui::name))
        .route("/figure/{id}/split", post(ui::split))
        .route("/figure/{id}/merge", post(ui::merge))
        .route("/documents", get(ui::documents))
        .route("/document/{id}", get(ui::document))
        .route("/speakers", get(ui::speakers))
        .route("/search", get(ui::search))
        .route("/decisions", get(ui::decisions))
        .route("/decisions/{id}/delete", post(ui::undo))
        .route("/api/ledger", get(api::ledger))
        .route("/api/figures", get(api::figures))
        .route("/api/figures/{id}", get(api::figure))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/speakers", get(api::speakers))
        .route("/api/search", get(api::search))
        .route(
            "/api/decisions",
            get(api::decisions).post(api::add_decision),
        )
        .route(
            "/api/decisions/{id}",
            axum::routing::delete(api::remove_decision),
        )
        .fallback(ui::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            DEADLINE,
        ))
        .with_state(state)
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::search::require_db(&args.db)?;
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "isnad: warning: serving on {}, reachable from other machines; the UI has no login",
            args.addr
        );
    }
    let started = std::time::Instant::now();
    let state = Arc::new(
        AppState::open(&args.db)
            .with_context(|| format!("opening dossier {}", args.db.display()))?,
    );
    eprintln!(
        "isnad: ledger of {} documents read in {:.1}s",
        state.corpus.docs.len(),
        started.elapsed().as_secs_f64()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr()?;
        // Tests and scripts read the address (port 0 picks one) from this line.
        println!("isnad: serving http://{local}/");
        use std::io::Write;
        std::io::stdout().flush()?;
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        anyhow::Ok(())
    })?;
    Ok(0)
}
