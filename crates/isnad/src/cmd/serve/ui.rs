//! HTML pages and the form actions behind them.

use super::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use isnad_ledger::html::{pages, Ctx, EventQuery, FigureQuery};
use isnad_ledger::Decision;
use serde::Deserialize;
use std::sync::Arc;

type St = State<Arc<AppState>>;

pub const PER_PAGE: usize = 100;

/// Figure ids are 12 hex digits; anything else is not looked up.
pub fn valid_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn not_found_page(s: &AppState) -> Response {
    (StatusCode::NOT_FOUND, Html(pages::not_found(s.lang))).into_response()
}

pub fn internal(e: anyhow::Error) -> Response {
    eprintln!("isnad: serve: {e:#}");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// A form post must come from this server's own pages: a browser sends `Origin` (or
/// `Sec-Fetch-Site`) with cross-site posts, and those are refused.
pub fn same_origin(h: &HeaderMap) -> bool {
    if h.get("sec-fetch-site").and_then(|v| v.to_str().ok()).is_some_and(|v| v == "cross-site" || v == "same-site") {
        return false;
    }
    match (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST).and_then(|v| v.to_str().ok())) {
        (Some(o), Some(host)) => o == format!("http://{host}") || o == format!("https://{host}"),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "cross-origin form posts are refused").into_response()
}

fn ctx<'a>(s: &AppState, titles: &'a std::collections::HashMap<String, String>) -> Ctx<'a> {
    Ctx { lang: s.lang, serve: true, titles }
}

/// A refused request: status, the reason in the page's language, the way back.
fn refused(s: &AppState, code: StatusCode, msg: &str, back: &str) -> Response {
    (code, Html(pages::error(s.lang, msg, back))).into_response()
}

#[utoipa::path(get, path = "/", tag = "pages", params(("kind" = Option<String>, Query, description = "Kind of thing counted"), ("place" = Option<String>, Query,), ("date" = Option<String>, Query, description = "Day or its prefix"), ("min_sources" = Option<usize>, Query,), ("contested" = Option<String>, Query, description = "yes / no"), ("sort" = Option<String>, Query, description = "sources, claims, best, date, title")), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn figures(State(s): St, Query(q): Query<FigureQuery>) -> Html<String> {
    let b = s.built();
    let titles = s.titles();
    Html(pages::figures(&b.ledger, &ctx(&s, &titles), &q))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FigurePageQ {
    /// Page of the figure's claims, from 1.
    pub page: Option<usize>,
}

#[utoipa::path(get, path = "/figure/{id}", tag = "pages", params(("id" = String, Path,), FigurePageQ), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn figure(State(s): St, Path(id): Path<String>, Query(q): Query<FigurePageQ>) -> Response {
    if !valid_id(&id) {
        return not_found_page(&s);
    }
    match s.figure(&id) {
        Some(f) => {
            let titles = s.titles();
            let others = s.merge_options(&f, &titles);
            let decided = s.decisions_for(&f);
            Html(pages::figure(&f, &ctx(&s, &titles), &others, q.page.unwrap_or(1), &decided)).into_response()
        }
        None => not_found_page(&s),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MergeQ {
    /// The other figure's id.
    #[serde(default)]
    pub with: String,
}

/// The merge question: both figures with their values and counts, and a warning or a
/// refusal when they count different things. Nothing changes until it is answered.
#[utoipa::path(get, path = "/figure/{id}/merge", tag = "pages", params(("id" = String, Path,), MergeQ), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn merge_ask(State(s): St, Path(id): Path<String>, Query(q): Query<MergeQ>) -> Response {
    let (Some(a), Some(b)) =
        (valid_id(&id).then(|| s.figure(&id)).flatten(), valid_id(&q.with).then(|| s.figure(&q.with)).flatten())
    else {
        return not_found_page(&s);
    };
    let titles = s.titles();
    Html(pages::merge_confirm(&a, &b, &ctx(&s, &titles))).into_response()
}

fn form(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// Records a decision off the async workers (it writes SQLite and regroups), then
/// shows the figure that now holds `follow`.
async fn decide(s: Arc<AppState>, d: Decision, follow: isnad_ledger::ItemKey) -> Response {
    let r = tokio::task::spawn_blocking(move || {
        s.add_decision(&d)?;
        anyhow::Ok(s.figure_with(&follow))
    })
    .await;
    match r {
        Ok(Ok(Some(id))) => Redirect::to(&format!("/figure/{id}")).into_response(),
        Ok(Ok(None)) => Redirect::to("/").into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

#[utoipa::path(post, path = "/figure/{id}/name", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "name=..."), responses((status = 303, description = "Done: to the page it changed"), (status = 400, description = "Refused, with the reason (HTML)"), (status = 403, description = "Cross-origin")))]
pub async fn name(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let Some(f) = valid_id(&id).then(|| s.figure(&id)).flatten() else {
        return not_found_page(&s);
    };
    let name = form(&body).into_iter().find(|(k, _)| k == "name").map(|x| x.1).unwrap_or_default();
    let Some(e) = f.entries.first().or(f.denials.first()) else {
        return not_found_page(&s);
    };
    let key = e.key.clone();
    decide(s, Decision::Name { item: key.clone(), name }, key).await
}

#[utoipa::path(post, path = "/figure/{id}/split", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "entry=K (repeated)"), responses((status = 303, description = "Done: to the page it changed"), (status = 400, description = "Refused, with the reason (HTML)"), (status = 403, description = "Cross-origin")))]
pub async fn split(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let Some(f) = valid_id(&id).then(|| s.figure(&id)).flatten() else {
        return not_found_page(&s);
    };
    let picked: Vec<isnad_ledger::ItemKey> = form(&body)
        .into_iter()
        .filter(|(k, _)| k == "entry")
        .filter_map(|(_, v)| v.parse::<usize>().ok())
        .filter_map(|k| f.entries.get(k).map(|e| e.key.clone()))
        .collect();
    let Some(first) = picked.first().cloned() else {
        return refused(&s, StatusCode::BAD_REQUEST, s.lang.t("split_none"), &format!("/figure/{id}"));
    };
    decide(s, Decision::Split { items: picked }, first).await
}

#[utoipa::path(post, path = "/figure/{id}/merge", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "with=ID&confirm=yes"), responses((status = 303, description = "Done: to the page it changed"), (status = 400, description = "Refused, with the reason (HTML)"), (status = 403, description = "Cross-origin")))]
pub async fn merge(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let fields = form(&body);
    let other = fields.iter().find(|(k, _)| k == "with").map(|x| x.1.clone()).unwrap_or_default();
    let confirmed = fields.iter().any(|(k, v)| k == "confirm" && v == "yes");
    let (Some(a), Some(b)) =
        (valid_id(&id).then(|| s.figure(&id)).flatten(), valid_id(&other).then(|| s.figure(&other)).flatten())
    else {
        return not_found_page(&s);
    };
    let (Some(ka), Some(kb)) = (a.entries.first().or(a.denials.first()), b.entries.first().or(b.denials.first()))
    else {
        return not_found_page(&s);
    };
    if !confirmed {
        // A merge is asked about first (the form on the figure page goes to the question).
        return Redirect::to(&format!("/figure/{id}/merge?with={other}")).into_response();
    }
    if pages::merge_check(&a, &b).0 {
        return refused(&s, StatusCode::BAD_REQUEST, s.lang.t("merge_refused"), &format!("/figure/{id}"));
    }
    let follow = ka.key.clone();
    decide(s, Decision::Merge { a: ka.key.clone(), b: kb.key.clone() }, follow).await
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PageQ {
    /// Page, from 1.
    pub page: Option<usize>,
}

#[utoipa::path(get, path = "/documents", tag = "pages", params(PageQ), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn documents(State(s): St, Query(q): Query<PageQ>) -> Html<String> {
    let page = q.page.unwrap_or(1);
    let (rows, pages) = s.documents(page, PER_PAGE);
    Html(pages::documents(&rows, page.clamp(1, pages), pages, s.lang))
}

#[utoipa::path(get, path = "/document/{id}", tag = "pages", params(("id" = i64, Path,)), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn document(State(s): St, Path(id): Path<i64>) -> Response {
    let s2 = s.clone();
    match tokio::task::spawn_blocking(move || s2.document(id)).await {
        Ok(Ok(Some((head, text, claims)))) => Html(pages::document(&head, &text, &claims, s.lang)).into_response(),
        Ok(Ok(None)) => not_found_page(&s),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

#[utoipa::path(get, path = "/speakers", tag = "pages", params(PageQ), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn speakers(State(s): St, Query(q): Query<PageQ>) -> Html<String> {
    let all = s.speakers();
    let pages_n = all.len().div_ceil(PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages_n);
    let rows: Vec<_> = all.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE).cloned().collect();
    Html(pages::speakers(&rows, s.lang, page, pages_n))
}

#[utoipa::path(get, path = "/events", tag = "pages", params(("place" = Option<String>, Query,), ("date" = Option<String>, Query,), ("min_sources" = Option<usize>, Query, description = "At least this many documents"), ("contested" = Option<String>, Query,), ("sort" = Option<String>, Query, description = "date, sources, claims, title")), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn events(State(s): St, Query(q): Query<EventQuery>) -> Html<String> {
    let b = s.built();
    let titles = s.titles();
    Html(pages::events(&b.ledger, &ctx(&s, &titles), &q))
}

#[utoipa::path(get, path = "/event/{id}", tag = "pages", params(("id" = String, Path,)), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn event(State(s): St, Path(id): Path<String>) -> Response {
    let b = s.built();
    match b.ledger.events.iter().find(|e| e.id == id) {
        Some(e) => {
            let titles = s.titles();
            Html(pages::event(e, &b.ledger, &ctx(&s, &titles))).into_response()
        }
        None => not_found_page(&s),
    }
}

/// Event ids are a letter and up to 20 letters or digits (`e12`, `x0a1b2c3d4e`).
pub fn valid_event_id(id: &str) -> bool {
    (2..=21).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The event `id` as now built, with its documents named for decisions.
fn event_docs(s: &AppState, id: &str) -> Option<Vec<isnad_ledger::DocKey>> {
    let b = s.built();
    let e = b.ledger.events.iter().find(|e| e.id == id)?;
    Some(e.documents.iter().filter_map(|k| s.doc_key(k)).collect())
}

/// Records an event decision off the async workers, then shows the event that now
/// holds `follow` (a document key).
async fn decide_event(s: Arc<AppState>, d: Decision, follow: String) -> Response {
    let r = tokio::task::spawn_blocking(move || {
        s.add_decision(&d)?;
        anyhow::Ok(s.event_of_doc(&follow))
    })
    .await;
    match r {
        Ok(Ok(Some(id))) => Redirect::to(&format!("/event/{id}")).into_response(),
        Ok(Ok(None)) => Redirect::to("/events").into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

#[utoipa::path(post, path = "/event/{id}/name", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "name=... (empty: its own title again)"), responses((status = 303, description = "Done: to the event"), (status = 403, description = "Cross-origin"), (status = 404, description = "No such event")))]
pub async fn name_event(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let Some(doc) = valid_event_id(&id).then(|| event_docs(&s, &id)).flatten().and_then(|d| d.into_iter().next())
    else {
        return not_found_page(&s);
    };
    let name = form(&body).into_iter().find(|(k, _)| k == "name").map(|x| x.1).unwrap_or_default();
    let follow = doc.doc_key.clone();
    decide_event(s, Decision::NameEvent { doc, name }, follow).await
}

#[utoipa::path(post, path = "/event/{id}/merge", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "with=EVENT&confirm=yes"), responses((status = 303, description = "Done: to the merged event"), (status = 400, description = "Not confirmed, or the same event (HTML)"), (status = 403, description = "Cross-origin"), (status = 404, description = "No such event")))]
pub async fn merge_events(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let fields = form(&body);
    let other = fields.iter().find(|(k, _)| k == "with").map(|x| x.1.clone()).unwrap_or_default();
    let first = |e: &str| valid_event_id(e).then(|| event_docs(&s, e)).flatten().and_then(|d| d.into_iter().next());
    let (Some(a), Some(b)) = (first(&id), first(&other)) else {
        return not_found_page(&s);
    };
    // Merging events regroups every figure in both: asked for explicitly.
    if other == id || !fields.iter().any(|(k, v)| k == "confirm" && v == "yes") {
        return refused(&s, StatusCode::BAD_REQUEST, s.lang.t("event_merge_confirm"), &format!("/event/{id}"));
    }
    let follow = a.doc_key.clone();
    decide_event(s, Decision::MergeEvents { a, b }, follow).await
}

#[utoipa::path(post, path = "/event/{id}/split", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "doc=K (repeated; K indexes the event's documents)"), responses((status = 303, description = "Done: to the new event"), (status = 400, description = "No document picked, or all of them (HTML)"), (status = 403, description = "Cross-origin"), (status = 404, description = "No such event")))]
pub async fn split_event(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let Some(docs) = valid_event_id(&id).then(|| event_docs(&s, &id)).flatten() else {
        return not_found_page(&s);
    };
    let mut picked: Vec<usize> = form(&body)
        .into_iter()
        .filter(|(k, _)| k == "doc")
        .filter_map(|(_, v)| v.parse::<usize>().ok())
        .filter(|&k| k < docs.len())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    if picked.is_empty() || picked.len() == docs.len() {
        return refused(&s, StatusCode::BAD_REQUEST, s.lang.t("event_split_none"), &format!("/event/{id}"));
    }
    let chosen: Vec<isnad_ledger::DocKey> = picked.iter().map(|&k| docs[k].clone()).collect();
    let follow = chosen[0].doc_key.clone();
    decide_event(s, Decision::SplitEvent { docs: chosen }, follow).await
}

#[utoipa::path(post, path = "/event/{id}/move", tag = "pages", params(("id" = String, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "doc=K&to=EVENT (K indexes the event's documents)"), responses((status = 303, description = "Done: to the event it joined"), (status = 400, description = "No document, or the same event (HTML)"), (status = 403, description = "Cross-origin"), (status = 404, description = "No such event")))]
pub async fn move_document(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let fields = form(&body);
    let to = fields.iter().find(|(k, _)| k == "to").map(|x| x.1.clone()).unwrap_or_default();
    let (Some(docs), Some(target)) = (
        valid_event_id(&id).then(|| event_docs(&s, &id)).flatten(),
        valid_event_id(&to).then(|| event_docs(&s, &to)).flatten().and_then(|d| d.into_iter().next()),
    ) else {
        return not_found_page(&s);
    };
    let doc = fields.iter().find(|(k, _)| k == "doc").and_then(|x| x.1.parse::<usize>().ok()).and_then(|k| docs.get(k));
    let Some(doc) = doc.cloned().filter(|_| to != id) else {
        return refused(&s, StatusCode::BAD_REQUEST, s.lang.t("event_move_none"), &format!("/event/{id}"));
    };
    let follow = doc.doc_key.clone();
    decide_event(s, Decision::MoveDocument { doc, to: target }, follow).await
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SearchQ {
    /// The query (words, "a phrase"); names in the alias table are also searched as
    /// their other names.
    #[serde(default)]
    pub q: String,
    /// Page, from 1.
    pub page: Option<usize>,
}

/// Queries longer than this are cut (the index does not need more to rank).
pub const MAX_QUERY: usize = 500;

#[utoipa::path(get, path = "/search", tag = "pages", params(SearchQ), responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn search(State(s): St, Query(q): Query<SearchQ>) -> Response {
    let query: String = q.q.chars().take(MAX_QUERY).collect();
    let s2 = s.clone();
    let qq = query.clone();
    let page = q.page.unwrap_or(1).max(1);
    match tokio::task::spawn_blocking(move || s2.search(&qq, page, pages::SEARCH_PAGE)).await {
        Ok(Ok((rows, total, also))) => {
            let n = total.div_ceil(pages::SEARCH_PAGE).max(1);
            Html(pages::search(&query, &rows, total, &also, s.lang, page.min(n), n)).into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

#[utoipa::path(get, path = "/decisions", tag = "pages", responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn decisions(State(s): St) -> Html<String> {
    Html(pages::decisions(&s.decision_rows(), s.lang))
}

#[utoipa::path(post, path = "/decisions/{id}/delete", tag = "pages", params(("id" = i64, Path,)), request_body(content_type = "application/x-www-form-urlencoded", description = "back=/local/path"), responses((status = 303, description = "Done: to the page it changed"), (status = 400, description = "Refused, with the reason (HTML)"), (status = 403, description = "Cross-origin")))]
pub async fn undo(State(s): St, Path(id): Path<i64>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    // Back where the decision was undone: a local path only.
    let back = form(&body)
        .into_iter()
        .find(|(k, _)| k == "back")
        .map(|x| x.1)
        .filter(|b| {
            b.bytes().all(|c| c.is_ascii_graphic())
                && b.starts_with('/')
                && !b.starts_with("//")
                && !b.contains('\\')
                && b.len() < 200
        })
        .unwrap_or_else(|| "/decisions".into());
    match tokio::task::spawn_blocking(move || {
        let r = s.remove_decision(id);
        // Undoing a split removes the figure it made: then back to the figures.
        let gone = back.strip_prefix("/figure/").is_some_and(|f| s.figure(f).is_none());
        r.map(|_| if gone { "/".to_string() } else { back })
    })
    .await
    {
        Ok(Ok(back)) => Redirect::to(&back).into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn not_found(State(s): St) -> Response {
    not_found_page(&s)
}

/// No icon (pages declare an empty one; a browser viewing `/api` still asks).
#[utoipa::path(get, path = "/favicon.ico", tag = "pages", responses((status = 204, description = "No icon")))]
pub async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}
