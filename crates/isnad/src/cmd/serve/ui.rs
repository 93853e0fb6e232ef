//! HTML pages and the form actions behind them.

use super::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use isnad_ledger::html::pages;
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
    if h.get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
    {
        return false;
    }
    match (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(o), Some(host)) => o == format!("http://{host}") || o == format!("https://{host}"),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "cross-origin form posts are refused").into_response()
}

pub async fn figures(State(s): St) -> Html<String> {
    Html(pages::figures(&s.built().ledger, s.lang))
}

pub async fn figure(State(s): St, Path(id): Path<String>) -> Response {
    if !valid_id(&id) {
        return not_found_page(&s);
    }
    match s.figure(&id) {
        Some(f) => {
            let others: Vec<(String, String)> =
                s.titles().into_iter().filter(|(o, _)| *o != id).collect();
            Html(pages::figure(&f, &others, s.lang)).into_response()
        }
        None => not_found_page(&s),
    }
}

fn form(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
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

pub async fn name(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let Some(f) = valid_id(&id).then(|| s.figure(&id)).flatten() else {
        return not_found_page(&s);
    };
    let name = form(&body)
        .into_iter()
        .find(|(k, _)| k == "name")
        .map(|x| x.1)
        .unwrap_or_default();
    let Some(e) = f.entries.first().or(f.denials.first()) else {
        return not_found_page(&s);
    };
    let key = e.key.clone();
    decide(
        s,
        Decision::Name {
            item: key.clone(),
            name,
        },
        key,
    )
    .await
}

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
        return Redirect::to(&format!("/figure/{id}")).into_response();
    };
    decide(s, Decision::Split { items: picked }, first).await
}

pub async fn merge(State(s): St, Path(id): Path<String>, h: HeaderMap, body: Bytes) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    let other = form(&body)
        .into_iter()
        .find(|(k, _)| k == "with")
        .map(|x| x.1)
        .unwrap_or_default();
    let (Some(a), Some(b)) = (
        valid_id(&id).then(|| s.figure(&id)).flatten(),
        valid_id(&other).then(|| s.figure(&other)).flatten(),
    ) else {
        return not_found_page(&s);
    };
    let (Some(ka), Some(kb)) = (
        a.entries.first().or(a.denials.first()),
        b.entries.first().or(b.denials.first()),
    ) else {
        return not_found_page(&s);
    };
    let follow = ka.key.clone();
    decide(
        s,
        Decision::Merge {
            a: ka.key.clone(),
            b: kb.key.clone(),
        },
        follow,
    )
    .await
}

#[derive(Deserialize)]
pub struct PageQ {
    pub page: Option<usize>,
}

pub async fn documents(State(s): St, Query(q): Query<PageQ>) -> Html<String> {
    let page = q.page.unwrap_or(1);
    let (rows, pages) = s.documents(page, PER_PAGE);
    Html(pages::documents(&rows, page.clamp(1, pages), pages, s.lang))
}

pub async fn document(State(s): St, Path(id): Path<i64>) -> Response {
    let s2 = s.clone();
    match tokio::task::spawn_blocking(move || s2.document(id)).await {
        Ok(Ok(Some((head, text, claims)))) => {
            Html(pages::document(&head, &text, &claims, s.lang)).into_response()
        }
        Ok(Ok(None)) => not_found_page(&s),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn speakers(State(s): St) -> Html<String> {
    Html(pages::speakers(&s.speakers(), s.lang))
}

#[derive(Deserialize)]
pub struct SearchQ {
    #[serde(default)]
    pub q: String,
}

/// Queries longer than this are cut (the index does not need more to rank).
pub const MAX_QUERY: usize = 500;

pub async fn search(State(s): St, Query(q): Query<SearchQ>) -> Response {
    let query: String = q.q.chars().take(MAX_QUERY).collect();
    let s2 = s.clone();
    let qq = query.clone();
    match tokio::task::spawn_blocking(move || s2.search(&qq, 50)).await {
        Ok(Ok(rows)) => Html(pages::search(&query, &rows, s.lang)).into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn decisions(State(s): St) -> Html<String> {
    Html(pages::decisions(&s.decision_rows(), s.lang))
}

pub async fn undo(State(s): St, Path(id): Path<i64>, h: HeaderMap) -> Response {
    if !same_origin(&h) {
        return forbidden();
    }
    match tokio::task::spawn_blocking(move || s.remove_decision(id)).await {
        Ok(Ok(_)) => Redirect::to("/decisions").into_response(),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e.into()),
    }
}

pub async fn not_found(State(s): St) -> Response {
    not_found_page(&s)
}
