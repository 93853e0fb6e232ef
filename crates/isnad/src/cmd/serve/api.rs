//! The JSON API: the data behind every page. Every list is paged (`offset`, `limit`,
//! with `total` in the answer); `/api` is the OpenAPI description, generated from the
//! `#[utoipa::path]` attribute of each handler (see `serve::ApiDoc`).

use super::state::AppState;
use super::ui::{internal, same_origin, valid_id, SearchQ, MAX_QUERY};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use isnad_ledger::Decision;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

type St = State<Arc<AppState>>;

/// Longest page a list returns.
pub const MAX_LIMIT: usize = 500;
/// A page when none is asked for.
pub const DEFAULT_LIMIT: usize = 100;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQ {
    /// Items to skip.
    pub offset: Option<usize>,
    /// Items to return (default 100, at most 500).
    pub limit: Option<usize>,
}

impl ListQ {
    fn range(&self, total: usize) -> (usize, usize) {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = self.offset.unwrap_or(0).min(total);
        (offset, limit)
    }
}

fn missing() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"error": "not found"}))).into_response()
}

fn bad(msg: impl Into<String>) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": msg.into()}))).into_response()
}

/// A figure with one page of its entries, and how many it holds.
#[derive(serde::Serialize)]
struct FigurePage {
    #[serde(flatten)]
    figure: isnad_ledger::Figure,
    entries_total: usize,
    offset: usize,
    limit: usize,
}

impl FigurePage {
    fn of(f: &isnad_ledger::Figure, offset: usize, limit: usize) -> FigurePage {
        let offset = offset.min(f.entries.len());
        FigurePage { figure: f.page(offset, limit), entries_total: f.entries.len(), offset, limit }
    }
}

/// Entries of each figure `/api/ledger` carries; the rest are paged at `/api/figures/{id}`.
pub const LEDGER_ENTRIES: usize = 20;

/// The ledger: its counts, rule, events, and one page of its figures, each with its
/// first entries.
#[utoipa::path(get, path = "/api/ledger", tag = "api", params(ListQ),
    responses((status = 200, description = "The ledger with `figures` paged (`figures_total`, `offset`, `limit`), each figure with its first 20 entries (`entries_total`; the rest at `/api/figures/{id}`); events listed whole", content_type = "application/json")))]
pub async fn ledger(State(s): St, Query(q): Query<ListQ>) -> Response {
    let b = s.built();
    let l = &b.ledger;
    let (offset, limit) = q.range(l.figures.len());
    let figures: Vec<FigurePage> =
        l.figures.iter().skip(offset).take(limit).map(|f| FigurePage::of(f, 0, LEDGER_ENTRIES)).collect();
    Json(json!({
        "rule": l.rule, "lang": l.lang, "documents": l.documents, "claims": l.claims, "ungrouped": l.ungrouped,
        "unresolved_decisions": l.unresolved_decisions, "events": l.events,
        "figures_total": l.figures.len(), "offset": offset, "limit": limit, "figures": figures,
    }))
    .into_response()
}

/// The figures, one row each (title, values, counts), paged.
#[utoipa::path(get, path = "/api/figures", tag = "api", params(ListQ),
    responses((status = 200, description = "`{total, offset, limit, figures: [...]}`", content_type = "application/json")))]
pub async fn figures(State(s): St, Query(q): Query<ListQ>) -> Response {
    let b = s.built();
    let titles = s.titles();
    let (offset, limit) = q.range(b.ledger.figures.len());
    let rows: Vec<_> = b
        .ledger
        .figures
        .iter()
        .skip(offset)
        .take(limit)
        .map(|f| {
            json!({
                "id": f.id, "title": titles.get(&f.id), "name": f.name, "event": f.event, "kind": f.kind, "class": f.class, "action": f.action,
                "place": f.place, "date": f.date, "low": f.low, "best": f.best, "high": f.high, "sources": f.sources,
                "claims": f.entries.len(), "denials": f.denials.len(), "agree": f.agree, "contradict": f.contradict,
            })
        })
        .collect();
    Json(json!({"documents": b.ledger.documents, "claims": b.ledger.claims, "ungrouped": b.ledger.ungrouped, "rule": b.ledger.rule,
        "total": b.ledger.figures.len(), "offset": offset, "limit": limit, "figures": rows}))
    .into_response()
}

/// One figure with one page of its entries (`entries_total`; denials whole).
#[utoipa::path(get, path = "/api/figures/{id}", tag = "api", params(("id" = String, Path, description = "Figure id (12 hex digits)"), ListQ),
    responses((status = 200, description = "The figure", content_type = "application/json"), (status = 404, description = "No such figure")))]
pub async fn figure(State(s): St, Path(id): Path<String>, Query(q): Query<ListQ>) -> Response {
    let b = s.built();
    match valid_id(&id).then(|| b.ledger.figures.iter().find(|f| f.id == id)).flatten() {
        Some(f) => {
            let (offset, limit) = q.range(f.entries.len());
            Json(FigurePage::of(f, offset, limit)).into_response()
        }
        None => missing(),
    }
}

/// The events, paged.
#[utoipa::path(get, path = "/api/events", tag = "api", params(ListQ),
    responses((status = 200, description = "`{total, offset, limit, events: [...]}`", content_type = "application/json")))]
pub async fn events(State(s): St, Query(q): Query<ListQ>) -> Response {
    let b = s.built();
    let (offset, limit) = q.range(b.ledger.events.len());
    let rows: Vec<_> = b.ledger.events.iter().skip(offset).take(limit).collect();
    Json(json!({"total": b.ledger.events.len(), "offset": offset, "limit": limit, "events": rows})).into_response()
}

/// One event.
#[utoipa::path(get, path = "/api/events/{id}", tag = "api", params(("id" = String, Path, description = "Event id")),
    responses((status = 200, description = "The event", content_type = "application/json"), (status = 404, description = "No such event")))]
pub async fn event(State(s): St, Path(id): Path<String>) -> Response {
    let b = s.built();
    match b.ledger.events.iter().find(|e| e.id == id) {
        Some(e) => Json(e).into_response(),
        None => missing(),
    }
}

/// The documents (head only), paged.
#[utoipa::path(get, path = "/api/documents", tag = "api", params(ListQ),
    responses((status = 200, description = "`{total, offset, limit, documents: [...]}`", content_type = "application/json")))]
pub async fn documents(State(s): St, Query(q): Query<ListQ>) -> Response {
    let total = s.snap().corpus.docs.len();
    let (offset, limit) = q.range(total);
    let rows = s.document_heads(offset, limit);
    Json(json!({"total": total, "offset": offset, "limit": limit, "documents": rows})).into_response()
}

/// One document: head, text and claims.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "api", params(("id" = i64, Path, description = "Document row id")),
    responses((status = 200, description = "`{document, text, claims}`", content_type = "application/json"), (status = 404, description = "No such document")))]
pub async fn document(State(s): St, Path(id): Path<i64>) -> Response {
    match tokio::task::spawn_blocking(move || s.document(id)).await {
        Ok(Ok(Some((head, text, claims)))) => {
            Json(json!({"document": head, "text": text, "claims": claims})).into_response()
        }
        Ok(Ok(None)) => missing(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

/// Everyone who speaks in the dossier, most claims first, paged.
#[utoipa::path(get, path = "/api/speakers", tag = "api", params(ListQ),
    responses((status = 200, description = "`{total, offset, limit, speakers: [...]}`", content_type = "application/json")))]
pub async fn speakers(State(s): St, Query(q): Query<ListQ>) -> Response {
    let all = s.speakers();
    let (offset, limit) = q.range(all.len());
    let total = all.len();
    let rows: Vec<_> = all.iter().skip(offset).take(limit).cloned().collect();
    Json(json!({"total": total, "offset": offset, "limit": limit, "speakers": rows})).into_response()
}

/// Full-text search with alias expansion, paged (`page`, 20 a page).
#[utoipa::path(get, path = "/api/search", tag = "api", params(SearchQ),
    responses((status = 200, description = "`{q, also, total, page, results: [...]}`", content_type = "application/json")))]
pub async fn search(State(s): St, Query(q): Query<SearchQ>) -> Response {
    let query: String = q.q.chars().take(MAX_QUERY).collect();
    let page = q.page.unwrap_or(1).max(1);
    let qq = query.clone();
    match tokio::task::spawn_blocking(move || s.search(&qq, page, isnad_ledger::html::pages::SEARCH_PAGE)).await {
        Ok(Ok((rows, total, also))) => {
            Json(json!({"q": query, "also": also, "total": total, "page": page, "per_page": isnad_ledger::html::pages::SEARCH_PAGE, "results": rows}))
                .into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

/// The stored decisions, oldest first, paged.
#[utoipa::path(get, path = "/api/decisions", tag = "api", params(ListQ),
    responses((status = 200, description = "`{total, offset, limit, decisions: [{id, decision}]}`", content_type = "application/json")))]
pub async fn decisions(State(s): St, Query(q): Query<ListQ>) -> Response {
    let all = s.decisions();
    let (offset, limit) = q.range(all.len());
    let rows: Vec<_> = all.iter().skip(offset).take(limit).map(|(id, d)| json!({"id": id, "decision": d})).collect();
    Json(json!({"total": all.len(), "offset": offset, "limit": limit, "decisions": rows})).into_response()
}

/// Why a decision is refused before it is stored, if it is.
fn refusal(s: &AppState, d: &Decision, force: bool) -> Option<String> {
    match d {
        Decision::Split { items } if items.is_empty() => Some("split needs at least one entry in `items`".into()),
        Decision::Split { items } if items.iter().any(|k| k.is_empty()) => {
            Some("an entry in `items` names no claim".into())
        }
        Decision::Name { item, .. } if item.is_empty() => Some("name needs an entry in `item`".into()),
        Decision::SplitEvent { docs } if docs.is_empty() => {
            Some("split_event needs at least one document in `docs`".into())
        }
        Decision::NameEvent { doc: k, .. } | Decision::MoveDocument { doc: k, .. } if !s.has_doc(k) => {
            Some(format!("no document {:?} in the dossier", k.doc_key))
        }
        Decision::MoveDocument { to: k, .. }
        | Decision::MergeEvents { a: k, .. }
        | Decision::MergeEvents { b: k, .. }
            if !s.has_doc(k) =>
        {
            Some(format!("no document {:?} in the dossier", k.doc_key))
        }
        Decision::SplitEvent { docs } if docs.iter().any(|k| !s.has_doc(k)) => {
            Some("a document in `docs` is not in the dossier".into())
        }
        Decision::Merge { a, b } if a.is_empty() || b.is_empty() => Some("merge needs two entries, `a` and `b`".into()),
        Decision::Merge { a, b } => {
            let (fa, fb) = (s.figure_with(a).and_then(|i| s.figure(&i)), s.figure_with(b).and_then(|i| s.figure(&i)));
            match (fa, fb) {
                (Some(fa), Some(fb)) => {
                    let (refuse, why) = isnad_ledger::html::pages::merge_check(&fa, &fb);
                    (refuse && !force).then(|| {
                        format!(
                            "the two figures count different things ({}); send \"force\": true to merge anyway",
                            why.join(", ")
                        )
                    })
                }
                _ => Some("an entry of `a` or `b` is in no figure".into()),
            }
        }
        _ => None,
    }
}

/// Adds a decision (`{"op": "split", "items": [...]}`, `{"op": "merge", "a": [...], "b": [...]}`,
/// `{"op": "name", "item": [...], "name": "..."}`), or an event decision naming documents by
/// `{"doc_hash", "doc_key"}` (the hash may be empty): `{"op": "name_event", "doc": D, "name": "..."}`,
/// `{"op": "merge_events", "a": D, "b": D}`, `{"op": "split_event", "docs": [D, ...]}`,
/// `{"op": "move_document", "doc": D, "to": D}` (into the event holding `to`). An empty item
/// list, an entry in no figure, a document not in the dossier, or a merge of figures counting
/// different kinds of things (unless `"force": true`) is refused.
#[utoipa::path(post, path = "/api/decisions", tag = "api", request_body(content_type = "application/json", description = "A decision"),
    responses((status = 201, description = "`{id}`", content_type = "application/json"), (status = 400, description = "`{error}`: malformed or refused"),
        (status = 403, description = "Cross-origin")))]
pub async fn add_decision(State(s): St, h: HeaderMap, body: axum::body::Bytes) -> Response {
    if !same_origin(&h) {
        return (StatusCode::FORBIDDEN, Json(json!({"error": "cross-origin"}))).into_response();
    }
    let v: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return bad(e.to_string()),
    };
    let force = v.get("force").and_then(|f| f.as_bool()).unwrap_or(false);
    let d: Decision = match serde_json::from_value(v) {
        Ok(d) => d,
        Err(e) => return bad(e.to_string()),
    };
    if let Some(why) = refusal(&s, &d, force) {
        return bad(why);
    }
    match tokio::task::spawn_blocking(move || s.add_decision(&d)).await {
        Ok(Ok(id)) => (StatusCode::CREATED, Json(json!({"id": id}))).into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

/// Undoes a decision.
#[utoipa::path(delete, path = "/api/decisions/{id}", tag = "api", params(("id" = i64, Path, description = "Decision id")),
    responses((status = 204, description = "Undone"), (status = 404, description = "No such decision"), (status = 403, description = "Cross-origin")))]
pub async fn remove_decision(State(s): St, h: HeaderMap, Path(id): Path<i64>) -> Response {
    if !same_origin(&h) {
        return (StatusCode::FORBIDDEN, Json(json!({"error": "cross-origin"}))).into_response();
    }
    match tokio::task::spawn_blocking(move || s.remove_decision(id)).await {
        Ok(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Ok(false)) => missing(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

/// This description (OpenAPI 3.1, JSON).
#[utoipa::path(get, path = "/api", tag = "api", responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn openapi() -> Response {
    Json(super::openapi()).into_response()
}
