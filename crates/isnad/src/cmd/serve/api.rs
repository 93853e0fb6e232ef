//! The JSON API: the data behind every page.

use super::state::AppState;
use super::ui::{internal, same_origin, valid_id, PageQ, SearchQ, MAX_QUERY, PER_PAGE};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use isnad_ledger::html::title;
use isnad_ledger::Decision;
use serde_json::json;
use std::sync::Arc;

type St = State<Arc<AppState>>;

fn missing() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"error": "not found"}))).into_response()
}

pub async fn ledger(State(s): St) -> Response {
    Json(s.built().ledger.clone()).into_response()
}

pub async fn figures(State(s): St) -> Response {
    let b = s.built();
    let rows: Vec<_> = b
        .ledger
        .figures
        .iter()
        .map(|f| {
            json!({
                "id": f.id, "title": title(f, s.lang), "name": f.name, "kind": f.kind, "class": f.class, "action": f.action,
                "place": f.place, "date": f.date, "low": f.low, "best": f.best, "high": f.high, "sources": f.sources,
                "claims": f.entries.len(), "denials": f.denials.len(), "agree": f.agree, "contradict": f.contradict,
            })
        })
        .collect();
    Json(json!({"documents": b.ledger.documents, "claims": b.ledger.claims, "ungrouped": b.ledger.ungrouped, "rule": b.ledger.rule, "figures": rows}))
        .into_response()
}

pub async fn figure(State(s): St, Path(id): Path<String>) -> Response {
    match valid_id(&id).then(|| s.figure(&id)).flatten() {
        Some(f) => Json(f).into_response(),
        None => missing(),
    }
}

pub async fn documents(State(s): St, Query(q): Query<PageQ>) -> Response {
    let (rows, pages) = s.documents(q.page.unwrap_or(1), PER_PAGE);
    Json(json!({"pages": pages, "documents": rows})).into_response()
}

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

pub async fn speakers(State(s): St) -> Response {
    Json(s.speakers()).into_response()
}

pub async fn search(State(s): St, Query(q): Query<SearchQ>) -> Response {
    let query: String = q.q.chars().take(MAX_QUERY).collect();
    match tokio::task::spawn_blocking(move || s.search(&query, 50)).await {
        Ok(Ok(rows)) => Json(rows).into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn decisions(State(s): St) -> Response {
    let rows: Vec<_> = s
        .decisions()
        .into_iter()
        .map(|(id, d)| json!({"id": id, "decision": d}))
        .collect();
    Json(rows).into_response()
}

pub async fn add_decision(State(s): St, h: HeaderMap, body: axum::body::Bytes) -> Response {
    if !same_origin(&h) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "cross-origin"})),
        )
            .into_response();
    }
    let d: Decision = match serde_json::from_slice(&body) {
        Ok(d) => d,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": e.to_string()})),
            )
                .into_response()
        }
    };
    match tokio::task::spawn_blocking(move || s.add_decision(&d)).await {
        Ok(Ok(id)) => (StatusCode::CREATED, Json(json!({"id": id}))).into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn remove_decision(State(s): St, h: HeaderMap, Path(id): Path<i64>) -> Response {
    if !same_origin(&h) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "cross-origin"})),
        )
            .into_response();
    }
    match tokio::task::spawn_blocking(move || s.remove_decision(id)).await {
        Ok(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Ok(false)) => missing(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}
