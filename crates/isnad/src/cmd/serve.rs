//! `isnad serve [--db FILE] [--addr 127.0.0.1:8080]`: the ledger in a browser. Pages
//! for figures (with split / merge / name), documents with every claim marked,
//! speakers, search and decisions; a JSON API under `/api/` behind every page.
//!
//! Loopback by default. Request bodies are capped and every request has a deadline;
//! nothing from disk is served (the only asset, the stylesheet, is inlined in each
//! page); every value rendered is escaped by the templates. Requests naming another
//! Host, and state-changing requests without our own Origin, are refused (`guard`), so
//! a web page the analyst visits can neither read nor edit the ledger. Connections are
//! bounded: request headers must arrive within a few seconds, and only so many
//! connections are served at once (the rest wait in the listen queue), so slow or
//! incomplete requests cannot starve other clients or run out of descriptors.

mod api;
mod cache;
pub mod guard;
mod state;
mod ui;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use isnad_store::Target;
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "isnad.db", value_parser = crate::cmd::target_parser())]
    pub db: Target,
    /// Where this machine keeps a PostgreSQL dossier's search index (default: a folder
    /// under ~/.cache/isnad named after the database); a SQLite dossier's sits beside it.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// A host name the server may be reached by besides loopback names and IP
    /// addresses (for `--addr 0.0.0.0`: the machine's name on the network). Repeatable.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Language of the pages (`ar`, `en`); default: the majority language of the documents.
    #[arg(long, value_parser = ["ar", "en"])]
    pub lang: Option<String>,
}

/// Longest wait for a request's headers (on a new or a kept-alive connection).
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; well under the usual 1024-descriptor limit, with room
/// for the database and index files.
const MAX_CONNECTIONS: usize = 768;

/// Threads rendering pages and answering searches: enough to keep every core busy
/// while some wait on the disk, few enough that a burst of connections queues
/// instead of each holding a thread, its stack and its allocator heap.
const BLOCKING_THREADS: usize = 8;

/// Largest request body: decisions and names are small.
const MAX_BODY: usize = 64 * 1024;
/// Longest a request may take (a search or a regrouping of a large dossier).
const DEADLINE: Duration = Duration::from_secs(30);

/// Every route of the server, as `(method, path)`: what [`router`] mounts, listed as it
/// mounts them (a test holds this equal to the OpenAPI paths of [`openapi`]).
#[cfg_attr(not(test), allow(dead_code))]
pub fn routes() -> Vec<(&'static str, &'static str)> {
    let mut v = Vec::new();
    let _ = mount(Router::new(), &mut v);
    v
}

/// Mounts every route on `r`, recording each in `seen`.
fn mount(r: Router<Arc<AppState>>, seen: &mut Vec<(&'static str, &'static str)>) -> Router<Arc<AppState>> {
    use axum::routing::{delete, MethodRouter};
    let mut add =
        |r: Router<Arc<AppState>>, path: &'static str, methods: &[&'static str], m: MethodRouter<Arc<AppState>>| {
            for x in methods {
                seen.push((*x, path));
            }
            r.route(path, m)
        };
    let r = add(r, "/", &["get"], get(ui::figures));
    let r = add(r, "/figure/{id}", &["get"], get(ui::figure));
    let r = add(r, "/figure/{id}/name", &["post"], post(ui::name));
    let r = add(r, "/figure/{id}/split", &["post"], post(ui::split));
    let r = add(r, "/figure/{id}/merge", &["get", "post"], get(ui::merge_ask).post(ui::merge));
    let r = add(r, "/events", &["get"], get(ui::events));
    let r = add(r, "/event/{id}", &["get"], get(ui::event));
    let r = add(r, "/event/{id}/name", &["post"], post(ui::name_event));
    let r = add(r, "/event/{id}/merge", &["post"], post(ui::merge_events));
    let r = add(r, "/event/{id}/split", &["post"], post(ui::split_event));
    let r = add(r, "/event/{id}/move", &["post"], post(ui::move_document));
    let r = add(r, "/documents", &["get"], get(ui::documents));
    let r = add(r, "/document/{id}", &["get"], get(ui::document));
    let r = add(r, "/speakers", &["get"], get(ui::speakers));
    let r = add(r, "/search", &["get"], get(ui::search));
    let r = add(r, "/decisions", &["get"], get(ui::decisions));
    let r = add(r, "/decisions/{id}/delete", &["post"], post(ui::undo));
    let r = add(r, "/favicon.ico", &["get"], get(ui::favicon));
    let r = add(r, "/api", &["get"], get(api::openapi));
    let r = add(r, "/api/ledger", &["get"], get(api::ledger));
    let r = add(r, "/api/figures", &["get"], get(api::figures));
    let r = add(r, "/api/figures/{id}", &["get"], get(api::figure));
    let r = add(r, "/api/events", &["get"], get(api::events));
    let r = add(r, "/api/events/{id}", &["get"], get(api::event));
    let r = add(r, "/api/documents", &["get"], get(api::documents));
    let r = add(r, "/api/documents/{id}", &["get"], get(api::document));
    let r = add(r, "/api/speakers", &["get"], get(api::speakers));
    let r = add(r, "/api/search", &["get"], get(api::search));
    let r = add(r, "/api/decisions", &["get", "post"], get(api::decisions).post(api::add_decision));
    add(r, "/api/decisions/{id}", &["delete"], delete(api::remove_decision))
}

/// The OpenAPI description, generated from the handlers' `#[utoipa::path]` attributes.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "isnad serve",
        description = "The ledger of a dossier: pages (HTML) and a JSON API. Loopback only by default; state changes need this server's own Origin."
    ),
    paths(
        ui::figures,
        ui::figure,
        ui::name,
        ui::split,
        ui::merge_ask,
        ui::merge,
        ui::events,
        ui::event,
        ui::name_event,
        ui::merge_events,
        ui::split_event,
        ui::move_document,
        ui::documents,
        ui::document,
        ui::speakers,
        ui::search,
        ui::decisions,
        ui::undo,
        ui::favicon,
        api::openapi,
        api::ledger,
        api::figures,
        api::figure,
        api::events,
        api::event,
        api::documents,
        api::document,
        api::speakers,
        api::search,
        api::decisions,
        api::add_decision,
        api::remove_decision
    )
)]
pub struct ApiDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    <ApiDoc as utoipa::OpenApi>::openapi()
}

pub fn router(state: Arc<AppState>, guard: Arc<guard::Guard>) -> Router {
    let mut seen = Vec::new();
    mount(Router::new(), &mut seen)
        .fallback(ui::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::cached))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, DEADLINE))
        .with_state(state)
        // Outermost: a request for another Host is refused before anything runs.
        .layer(axum::middleware::from_fn_with_state(guard, guard::guard))
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    super::require_db(&args.db)?;
    if !args.addr.ip().is_loopback() {
        eprintln!("isnad: warning: serving on {}, reachable from other machines; the UI has no login", args.addr);
    }
    let started = std::time::Instant::now();
    let state = Arc::new(AppState::open(
        &args.db,
        args.index.as_deref(),
        args.lang.as_deref().map(isnad_ledger::html::Lang::from_code),
    )?);
    eprintln!(
        "isnad: ledger of {} documents read in {:.1}s",
        state.snap().corpus.docs.len(),
        started.elapsed().as_secs_f64()
    );
    let rt = tokio::runtime::Builder::new_multi_thread().max_blocking_threads(BLOCKING_THREADS).enable_all().build()?;
    rt.block_on(async move {
        let listener = listen(args.addr).with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr()?;
        // Tests and scripts read the address (port 0 picks one) from this line.
        println!("isnad: serving http://{local}/");
        use std::io::Write;
        std::io::stdout().flush()?;
        tokio::spawn(follow_the_dossier(state.clone()));
        let app = router(state, Arc::new(guard::Guard::new(local, &args.allow_host)));
        tokio::select! {
            r = serve_bounded(listener, app, MAX_CONNECTIONS, HEADER_TIMEOUT) => r?,
            _ = tokio::signal::ctrl_c() => {}
        }
        anyhow::Ok(())
    })?;
    Ok(0)
}

/// How often the server asks the store whether another process changed the dossier.
const FOLLOW_EVERY: Duration = Duration::from_secs(2);

/// Reads the dossier again whenever an `ingest` or `reextract` elsewhere changed it, so
/// that pages show what is stored now: documents added later are found, a replaced
/// document comes with its new claims. Requests meanwhile are served from what was read.
async fn follow_the_dossier(state: Arc<AppState>) {
    let mut failing = false;
    loop {
        tokio::time::sleep(FOLLOW_EVERY).await;
        let s = state.clone();
        match tokio::task::spawn_blocking(move || s.refresh().map(|r| r.then(|| s.snap().corpus.docs.len()))).await {
            Ok(Ok(Some(n))) => {
                eprintln!("isnad: the dossier changed; read again ({n} documents)");
                failing = false;
            }
            Ok(Ok(None)) => failing = false,
            // Said once, not every two seconds; the last good reading keeps serving.
            Ok(Err(e)) if !failing => {
                eprintln!("isnad: serve: reading the changed dossier: {e:#}");
                failing = true;
            }
            _ => {}
        }
    }
}

/// Connections the kernel queues while every slot is taken: a burst of a thousand
/// clients must wait there rather than be dropped. (tokio's `bind` asks for 1,024; a
/// full queue drops SYNs, which clients resend only after a second.)
const LISTEN_BACKLOG: u32 = 4096;

fn listen(addr: std::net::SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Accepts connections while fewer than `max` are open, each served by hyper with a
/// deadline on its request headers. axum's own `serve` has neither bound: 300
/// connections that never finish their headers held 300 descriptors forever.
pub async fn serve_bounded(
    listener: tokio::net::TcpListener,
    app: Router,
    max: usize,
    header_timeout: Duration,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(max));
    loop {
        // Wait for a free slot before accepting: the kernel's listen queue holds the rest.
        let permit = slots.clone().acquire_owned().await?;
        let (stream, _) = match listener.accept().await {
            Ok(c) => c,
            Err(e) => {
                // Out of descriptors or a connection reset before accept: not fatal.
                eprintln!("isnad: serve: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let svc = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), svc);
            // A client that goes away or times out ends its own connection only.
            let _ = conn.await;
            drop(permit);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route the router mounts is in the OpenAPI description with its method, and
    /// the description names no route the router lacks.
    #[test]
    fn openapi_paths_are_the_routers_routes() {
        let doc = serde_json::to_value(openapi()).unwrap();
        let mut documented: Vec<(String, String)> = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for m in ["get", "post", "put", "patch", "delete"] {
                if item.get(m).is_some() {
                    documented.push((m.to_string(), path.clone()));
                }
            }
        }
        let mut mounted: Vec<(String, String)> =
            routes().into_iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
        documented.sort();
        mounted.sort();
        assert_eq!(mounted, documented, "router routes vs OpenAPI paths");
        assert!(mounted.len() >= 25);
    }
    use std::io::{Read, Write};

    /// With every slot held by a client that never finishes its headers, a new client
    /// is served as soon as the header timeout frees a slot, and the stalled ones are
    /// closed: neither bound can be lifted by clients.
    #[test]
    fn stalled_clients_hold_slots_only_until_the_header_timeout() {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route("/", get(|| async { "ok" }));
        rt.spawn(serve_bounded(listener, app, 2, Duration::from_millis(800)));
        let stall = || {
            let mut c = std::net::TcpStream::connect(addr).unwrap();
            c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            c
        };
        let (mut a, mut b) = (stall(), stall());
        std::thread::sleep(Duration::from_millis(100));
        let t = std::time::Instant::now();
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = String::new();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c.read_to_string(&mut resp).unwrap();
        let waited = t.elapsed();
        assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
        assert!(waited >= Duration::from_millis(500), "served at once ({waited:?}): the limit of 2 was not applied");
        assert!(waited < Duration::from_secs(5), "waited {waited:?}: stalled clients were not timed out");
        for s in [&mut a, &mut b] {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = [0u8; 64];
            assert!(s.read(&mut buf).is_ok(), "stalled connection closed or answered");
        }
    }
}
