//! The ledger in a real browser: Debian's chromium, headless, driven over the DevTools
//! protocol, loads the static report and the pages `isnad serve` serves for the demo
//! dossier, and checks that figures, charts and claim highlights are there, that the
//! Arabic pages are right-to-left with numbers left-to-right, that a claim's details
//! open on focus, and that the console stays free of errors.
//!
//! Skips (passing) with a message when /usr/bin/chromium is absent; `.ci/run` installs it.

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::log::{EnableParams as LogEnable, EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::js_protocol::runtime::{ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown};
use chromiumoxide::Page;
use futures::StreamExt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";

fn isnad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
}

fn demo_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/demo")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// `isnad serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(db: &Path) -> Server {
        let mut child = isnad()
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start isnad serve");
        let out = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(out).read_line(&mut line).expect("serve prints its address");
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("address line").to_string();
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Console errors, uncaught exceptions and failed loads, from every page opened.
#[derive(Default, Clone)]
struct Console(Arc<Mutex<Vec<String>>>);

impl Console {
    async fn watch(&self, page: &Page) {
        page.execute(LogEnable::default()).await.expect("Log.enable");
        let mut calls = page.event_listener::<EventConsoleApiCalled>().await.expect("console events");
        let mut thrown = page.event_listener::<EventExceptionThrown>().await.expect("exception events");
        let mut logs = page.event_listener::<EventEntryAdded>().await.expect("log events");
        let sink = self.0.clone();
        tokio::spawn(async move {
            loop {
                let msg = tokio::select! {
                    Some(e) = calls.next() => (e.r#type == ConsoleApiCalledType::Error).then(|| format!("console.error: {:?}", e.args)),
                    Some(e) = thrown.next() => Some(format!("exception: {}", e.exception_details.text)),
                    Some(e) = logs.next() => (e.entry.level == LogEntryLevel::Error).then(|| format!("log: {} {:?}", e.entry.text, e.entry.url)),
                    else => break,
                };
                if let Some(m) = msg {
                    sink.lock().unwrap().push(m);
                }
            }
        });
    }
    fn errors(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

async fn eval<T: serde::de::DeserializeOwned>(page: &Page, js: &str) -> T {
    page.evaluate(js)
        .await
        .unwrap_or_else(|e| panic!("evaluating {js}: {e}"))
        .into_value()
        .unwrap_or_else(|e| panic!("{js}: {e}"))
}

async fn open(browser: &Browser, console: &Console, url: &str) -> Page {
    let page = browser.new_page("about:blank").await.expect("new page");
    console.watch(&page).await;
    page.goto(url).await.unwrap_or_else(|e| panic!("loading {url}: {e}"));
    page.wait_for_navigation().await.expect("navigation");
    page
}

/// Right-to-left Arabic page whose numbers stay left-to-right.
async fn assert_rtl(page: &Page, what: &str) {
    let dir: String = eval(page, "document.documentElement.dir").await;
    let lang: String = eval(page, "document.documentElement.lang").await;
    assert_eq!((dir.as_str(), lang.as_str()), ("rtl", "ar"), "{what}");
    let num_dir: String = eval(
        page,
        "(() => { const n = document.querySelector('bdi.num'); return n ? getComputedStyle(n).direction : 'none'; })()",
    )
    .await;
    assert_eq!(num_dir, "ltr", "{what}: numbers must read left to right");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_and_served_pages_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("SKIPPED browser test: {CHROMIUM} is not installed (apt-get install -y chromium)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("demo.db");
    let st = isnad().arg("ingest").args(demo_files()).arg("--db").arg(&db).output().unwrap();
    assert!(st.status.success(), "ingest: {}", String::from_utf8_lossy(&st.stderr));
    let report = tmp.path().join("report.html");
    let st = isnad().args(["report", "--quiet", "--db"]).arg(&db).arg("--out").arg(&report).output().unwrap();
    assert!(st.status.success(), "report: {}", String::from_utf8_lossy(&st.stderr));
    let server = Server::start(&db);

    let config = BrowserConfig::builder()
        .chrome_executable(CHROMIUM)
        .no_sandbox()
        .user_data_dir(tmp.path().join("profile"))
        // Without these, chromium keeps trying to reach Google's hosts from a closed network.
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .request_timeout(Duration::from_secs(30))
        .build()
        .expect("browser config");
    let (mut browser, mut handler) = Browser::launch(config).await.expect("launch chromium");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let console = Console::default();

    // The static report: summary, figures with charts, sentences with the claim marked.
    let page = open(&browser, &console, &format!("file://{}", report.display())).await;
    assert_rtl(&page, "report").await;
    let rows: usize = eval(&page, "document.querySelectorAll('table.summary tbody tr').length").await;
    let figures: usize = eval(&page, "document.querySelectorAll('section.figure').length").await;
    let charts: usize = eval(&page, "document.querySelectorAll('section.figure svg.chart.wide').length").await;
    let marks: usize =
        eval(&page, "document.querySelectorAll('svg.chart.wide circle, svg.chart.wide rect.bar').length").await;
    let hollow: usize = eval(&page, "document.querySelectorAll('svg.chart circle.hollow').length").await;
    let highlights: usize = eval(&page, "document.querySelectorAll('td.c-sentence mark').length").await;
    assert!(rows >= 4 && figures == rows.min(200), "summary rows {rows}, figures {figures}");
    assert_eq!(charts, figures, "a chart per figure");
    assert!(marks >= 10 && hollow >= 1, "chart marks {marks}, hollow (at least) {hollow}");
    assert!(highlights >= 10, "highlighted claims {highlights}");
    let external: usize =
        eval(&page, "document.querySelectorAll('script[src], link[rel=stylesheet], img, iframe').length").await;
    assert_eq!(external, 0, "the report loads nothing");

    // The figures page and the first figure.
    let page = open(&browser, &console, &server.url).await;
    assert_rtl(&page, "figures").await;
    let first: String = eval(&page, "document.querySelector('table.summary a').getAttribute('href')").await;
    let page = open(&browser, &console, &format!("{}{}", server.url, first.trim_start_matches('/'))).await;
    assert_rtl(&page, "figure").await;
    let charts: usize = eval(&page, "document.querySelectorAll('svg.chart.wide').length").await;
    let entries: usize = eval(&page, "document.querySelectorAll('table.claims tr.entry').length").await;
    let forms: usize = eval(&page, "document.querySelectorAll('form[method=post]').length").await;
    assert!(
        charts == 1 && entries >= 2 && forms >= 2,
        "figure page: charts {charts}, entries {entries}, forms {forms}"
    );

    // A document: every claim marked, details shown on focus.
    let page = open(&browser, &console, &format!("{}document/1", server.url)).await;
    assert_rtl(&page, "document").await;
    let claims: usize = eval(&page, "document.querySelectorAll('.doctext .claim').length").await;
    assert!(claims >= 5, "claims marked in the document: {claims}");
    let hidden: String = eval(&page, "getComputedStyle(document.querySelector('.claim .tip')).display").await;
    let shown: String = eval(&page, "(() => { const c = document.querySelector('.claim'); c.focus(); return getComputedStyle(c.querySelector('.tip')).display; })()").await;
    assert_eq!((hidden.as_str(), shown.as_str()), ("none", "block"), "claim details open on focus");
    let tip: String = eval(&page, "document.querySelector('.claim .tip').innerText").await;
    assert!(!tip.trim().is_empty(), "claim details are filled");

    // Speakers and search.
    let page = open(&browser, &console, &format!("{}speakers", server.url)).await;
    let speakers: usize = eval(&page, "document.querySelectorAll('main table tbody tr').length").await;
    assert!(speakers >= 5, "speakers {speakers}");
    let page =
        open(&browser, &console, &format!("{}search?q=%D8%A7%D9%84%D8%AD%D8%A7%D9%81%D9%84%D8%A7%D8%AA", server.url))
            .await;
    let hits: usize = eval(&page, "document.querySelectorAll('ol.results li').length").await;
    assert!(hits >= 1, "search results {hits}");
    let escaped: usize = {
        let p = open(&browser, &console, &format!("{}search?q=%3Cscript%3Ealert(1)%3C/script%3E", server.url)).await;
        eval(&p, "document.querySelectorAll('main script').length").await
    };
    assert_eq!(escaped, 0, "a query is shown as text, never as markup");

    tokio::time::sleep(Duration::from_millis(300)).await;
    let errors = console.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await.ok();
    let _ = browser.wait().await;
    events.abort();
    drop(server);
}

// ---------------------------------------------------------------------------------
// Issue 14: layout, direction, language, curation and scale, asserted in the browser.

use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::page::{MediaTypeParams, ScreenshotParams};

/// `../shared` beside the repository (the Raqqa reports), as `ledger_gold.rs` finds it:
/// missing under CI is a failure, elsewhere a loud skip of that dossier.
fn shared_raqqa() -> Option<PathBuf> {
    let s = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raqqa");
    if s.is_dir() {
        return Some(s);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus/raqqa (the Raqqa dossier) is missing under CI: {}",
        s.display()
    );
    eprintln!("SKIPPED the Raqqa dossier: {} not found", s.display());
    None
}

fn ingest(db: &Path, paths: &[PathBuf]) {
    let st = isnad().arg("ingest").args(paths).arg("--db").arg(db).output().unwrap();
    assert!(st.status.success(), "ingest: {}", String::from_utf8_lossy(&st.stderr));
}

fn report(db: &Path, out: &Path) {
    let st = isnad().args(["report", "--quiet", "--db"]).arg(db).arg("--out").arg(out).output().unwrap();
    assert!(st.status.success(), "report: {}", String::from_utf8_lossy(&st.stderr));
}

/// Twenty reports of one convoy, a hundred speakers each: one figure of 2,000 claims.
fn big_dossier(dir: &Path) -> PathBuf {
    let names = ["مصدر محلي", "ناشط ميداني", "مسؤول في المجلس", "شاهد عيان", "متحدث عسكري"];
    let mut lines = String::new();
    for d in 0..20 {
        let mut text = String::from("خروج مقاتلي تنظيم داعش من مدينة الرقة\n");
        for k in 0..100 {
            let v = 200 + ((d * 100 + k) * 7) % 400;
            text.push_str(&format!("وقال {} رقم {k} إن {v} مقاتلاً غادروا مدينة الرقة في القافلة. ", names[k % 5]));
        }
        let rec = serde_json::json!({"text": text, "title": format!("خروج المقاتلين من الرقة {d}"),
            "url": format!("https://example.org/raqqa/{d}"), "outlet": format!("وكالة {d}"), "published": "2017-10-14"});
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    let p = dir.join("big.jsonl");
    std::fs::write(&p, lines).unwrap();
    p
}

async fn open_at(browser: &Browser, console: &Console, url: &str, width: i64, print: bool) -> Page {
    let page = browser.new_page("about:blank").await.expect("new page");
    console.watch(&page).await;
    let m = SetDeviceMetricsOverrideParams::builder()
        .width(width)
        .height(900)
        .device_scale_factor(1.0)
        .mobile(width < 600)
        .build()
        .unwrap();
    page.execute(m).await.expect("viewport");
    if print {
        page.emulate_media_type(MediaTypeParams::Print).await.expect("print media");
    }
    page.goto(url).await.unwrap_or_else(|e| panic!("loading {url}: {e}"));
    page.wait_for_navigation().await.expect("navigation");
    page
}

/// Elements that stick out of the viewport sideways (the page scrolls horizontally).
const OVERFLOW_JS: &str = r#"(() => {
  const w = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > w + 1) out.push('scrollWidth ' + document.documentElement.scrollWidth + ' > ' + w);
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || e.closest('.vh')) continue;
    if (r.right > w + 1 || r.left < -1) out.push(e.tagName + '.' + e.className.baseVal + (typeof e.className === 'string' ? e.className : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    if (out.length > 8) break;
  }
  return out;
})()"#;

/// Text nodes inside right-to-left text holding a date, a URL, a file name or an
/// `?ID=` query that are not inside a left-to-right isolate.
const BIDI_JS: &str = r#"(() => {
  const re = /\d{4}-\d{2}-\d{2}|\d{1,2}[-\/]\d{1,2}[-\/]\d{4}|https?:\/\/|www\.|\.txt\b|\.html?\b|\?[A-Za-z]+=/;
  const bad = [];
  let checked = 0;
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest('svg, script, style, title')) continue;
    // Runs between U+2066 and U+2069 (LRI … PDI) are isolated in the text itself (in
    // <option>s, which hold no elements).
    if (!re.test(n.data.replace(/\u2066[^\u2069]*\u2069/g, ''))) continue;
    checked++;
    const host = p.closest('[dir]');
    const ok = host && host.getAttribute('dir') === 'ltr' && getComputedStyle(host).unicodeBidi !== 'normal';
    // A left-to-right element inside a right-to-left page must itself be isolated; text
    // whose nearest direction is right-to-left is not.
    if (!ok && getComputedStyle(p).direction === 'rtl') bad.push(n.data.trim().slice(0, 80));
    if (bad.length > 8) break;
  }
  return [checked, bad];
})()"#;

/// Visible text in Latin letters (for an Arabic page) or Arabic letters (for an English
/// one) outside proper names, titles, quotes and data (`translate="no"`).
fn foreign_words_js(lang: &str) -> String {
    let re = if lang == "ar" { r"/[A-Za-z]{2,}/g" } else { r"/[\u0600-\u06FF]{2,}/g" };
    format!(
        r#"(() => {{
  const re = {re};
  const bad = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {{
    const p = n.parentElement;
    if (!p || p.closest('[translate=no], script, style, title, noscript')) continue;
    if (p.checkVisibility && !p.checkVisibility()) continue;
    const m = n.data.match(re);
    if (m) bad.push(m.join(' ') + ' ← ' + n.data.trim().slice(0, 60));
    if (bad.length > 12) break;
  }}
  return bad;
}})()"#
    )
}

async fn check_layout(browser: &Browser, console: &Console, url: &str, what: &str) {
    for width in [390, 1400] {
        let page = open_at(browser, console, url, width, false).await;
        let out: Vec<String> = eval(&page, OVERFLOW_JS).await;
        assert!(out.is_empty(), "{what} at {width} px overflows sideways: {out:#?}");
        page.close().await.ok();
    }
}

async fn check_direction_and_language(page: &Page, what: &str, lang: &str) {
    let (checked, bad): (usize, Vec<String>) = eval(page, BIDI_JS).await;
    assert!(bad.is_empty(), "{what}: dates/URLs/file names not isolated in RTL text ({checked} checked): {bad:#?}");
    let foreign: Vec<String> = eval(page, &foreign_words_js(lang)).await;
    assert!(foreign.is_empty(), "{what}: words not in the page's language ({lang}): {foreign:#?}");
    // Values (`~250`, `200–999`) read left to right on screen: first character leftmost.
    let reversed: Vec<String> = eval(page, r#"[...document.querySelectorAll('bdi.num')].filter(b => b.firstChild && b.firstChild.length > 1 && b.checkVisibility()).slice(0, 200).filter(b => {
        const t = b.firstChild, r = document.createRange();
        r.setStart(t, 0); r.setEnd(t, 1); const a = r.getBoundingClientRect();
        r.setStart(t, t.length - 1); r.setEnd(t, t.length); const z = r.getBoundingClientRect();
        return a.width > 0 && Math.abs(a.top - z.top) < 4 && a.left > z.left; }).map(b => b.textContent)"#).await;
    assert!(reversed.is_empty(), "{what}: values shown right to left: {reversed:?}");
}

/// A plain HTTP/1.1 request to the server (the pages' CSP forbids `fetch`): status and body.
fn http(base: &str, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut c = std::net::TcpStream::connect(host).expect("connect");
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let b = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}",
        b.len()
    );
    c.write_all(req.as_bytes()).unwrap();
    let mut resp = Vec::new();
    c.read_to_end(&mut resp).unwrap();
    let resp = String::from_utf8_lossy(&resp).to_string();
    let status = resp.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = resp.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default();
    (status, body)
}

/// Stored decisions, through the API.
fn stored_decisions(base: &str) -> usize {
    let (_, body) = http(base, "GET", "/api/decisions", None);
    // Chunked or not, the JSON object is the part between the first '{' and the last '}'.
    let json = body.find('{').and_then(|a| body.rfind('}').map(|b| &body[a..=b])).unwrap_or("{}");
    serde_json::from_str::<serde_json::Value>(json).ok().and_then(|v| v["total"].as_u64()).unwrap_or(999) as usize
}

/// Runs `js` (which starts a navigation: a form submitted, a button clicked) and waits
/// until the next document has loaded.
async fn navigate(page: &Page, js: &str) {
    let _: bool = eval(page, &format!("(() => {{ window.__before = 1; {js}; return true; }})()")).await;
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if let Ok(v) =
            page.evaluate("[typeof window.__before === 'undefined', document.readyState === 'complete']").await
        {
            if let Ok((fresh, done)) = v.into_value::<(bool, bool)>() {
                if fresh && done {
                    return;
                }
            }
        }
    }
    panic!("no navigation after {js}");
}

async fn shoot(page: &Page, dir: &Path, name: &str) {
    let png = page.screenshot(ScreenshotParams::builder().full_page(true).build()).await.expect("screenshot");
    std::fs::write(dir.join(name), png).expect("write screenshot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fit_read_right_and_curate_safely_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("SKIPPED browser test: {CHROMIUM} is not installed (apt-get install -y chromium)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // The demo folder as given: README.md and gold.jsonl are skipped, not ingested.
    let demo_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    let demo = tmp.path().join("demo.db");
    let st = isnad().arg("ingest").arg(&demo_dir).arg("--db").arg(&demo).output().unwrap();
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(st.status.success(), "ingest of the demo folder: {err}");
    assert!(err.contains("README.md") && err.contains("gold.jsonl"), "says what it skipped: {err}");
    let en = tmp.path().join("en.db");
    ingest(&en, &[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo-en")]);
    let mut dossiers: Vec<(&str, PathBuf)> = vec![("demo", demo.clone())];
    if let Some(r) = shared_raqqa() {
        let db = tmp.path().join("raqqa.db");
        ingest(&db, &[r]);
        dossiers.push(("raqqa", db));
    }
    let big = tmp.path().join("big.db");
    ingest(&big, &[big_dossier(tmp.path())]);
    let shots = std::env::var_os("ISNAD_SCREENSHOTS").map(PathBuf::from);

    let config = BrowserConfig::builder()
        .chrome_executable(CHROMIUM)
        .no_sandbox()
        .user_data_dir(tmp.path().join("profile"))
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .request_timeout(Duration::from_secs(30))
        .build()
        .expect("browser config");
    let (mut browser, mut handler) = Browser::launch(config).await.expect("launch chromium");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let console = Console::default();

    for (name, db) in &dossiers {
        let html = tmp.path().join(format!("{name}.html"));
        report(db, &html);
        let report_url = format!("file://{}", html.display());
        let server = Server::start(db);
        let figure: String = {
            let p = open(&browser, &console, &server.url).await;
            let href: String = eval(&p, "document.querySelector('table.summary a').getAttribute('href')").await;
            p.close().await.ok();
            format!("{}{}", server.url, href.trim_start_matches('/'))
        };
        let event: String = {
            let p = open(&browser, &console, &format!("{}events", server.url)).await;
            let href: String = eval(&p, "document.querySelector('table.events a').getAttribute('href')").await;
            p.close().await.ok();
            format!("{}{}", server.url, href.trim_start_matches('/'))
        };
        let document = format!("{}document/1", server.url);
        for (what, url) in
            [("report", &report_url), ("figure page", &figure), ("event page", &event), ("document page", &document)]
        {
            let what = format!("{name} {what}");
            check_layout(&browser, &console, url, &what).await;
            let page = open_at(&browser, &console, url, 1400, false).await;
            check_direction_and_language(&page, &what, "ar").await;
            page.close().await.ok();
        }

        // Printed: the claims keep sentence, date, stance and source URL, nothing cut off.
        let page = open_at(&browser, &console, &report_url, 760, true).await;
        let out: Vec<String> = eval(&page, OVERFLOW_JS).await;
        assert!(out.is_empty(), "{name} report printed overflows: {out:#?}");
        let lost: Vec<String> = eval(&page, "['td.c-sentence', 'td.c-date', 'td.c-stance', '.printurl'].filter(s => { const e = document.querySelector('table.claims ' + s); return (e && getComputedStyle(e).display === 'none') || (!e && s !== '.printurl'); })").await;
        assert!(lost.is_empty(), "{name}: printed claims lose {lost:?}");
        page.close().await.ok();

        // Charts: legend and axis title on every chart; the log scale said when it is one.
        let page = open(&browser, &console, &report_url).await;
        let (charts, legends, titles, logs, values): (usize, usize, usize, usize, usize) = eval(
            &page,
            "[document.querySelectorAll('figure.chart').length, document.querySelectorAll('figure.chart .legend li').length, \
              document.querySelectorAll('figure.chart svg.wide text.axis-title').length, \
              [...document.querySelectorAll('svg.wide text.axis-note')].filter(t => t.textContent.includes('لوغاريتمي')).length, \
              document.querySelectorAll('svg.wide g.mk text.val').length]",
        )
        .await;
        assert!(
            charts >= 1 && legends >= 3 * charts && titles == charts && logs >= 1,
            "{name}: charts {charts}, legend items {legends}, axis titles {titles}, log notes {logs}"
        );
        assert!(values >= charts, "{name}: values beside marks {values}");
        let focusable: usize =
            eval(&page, "document.querySelectorAll('svg.wide g.mk[tabindex=\"0\"] title').length").await;
        let shown: String = eval(&page, "(() => { const g = [...document.querySelectorAll('svg.chart g.mk')].find(g => g.closest('svg').checkVisibility()); g.focus(); return getComputedStyle(g.querySelector('.detail')).display; })()").await;
        assert!(focusable >= values && shown != "none", "{name}: marks focusable {focusable}, detail on focus {shown}");
        // The report's lists filter in place.
        let (all, contested): (usize, usize) = eval(&page, "(() => { const rows = () => [...document.querySelectorAll('#figures-table tbody tr')].filter(r => !r.hidden).length; const a = rows(); const f = document.getElementById('figure-filters'); f.elements['contested'].value = 'yes'; f.dispatchEvent(new Event('change')); return [a, rows()]; })()").await;
        assert!(contested <= all && all >= 1, "{name}: filter kept {contested} of {all}");
        if let Some(dir) = &shots {
            if *name == "raqqa" || dossiers.len() == 1 {
                std::fs::create_dir_all(dir).unwrap();
                for (w, print, tag) in [(1400, false, "desktop"), (390, false, "phone"), (794, true, "print")] {
                    let p = open_at(&browser, &console, &report_url, w, print).await;
                    shoot(&p, dir, &format!("report-{tag}.png")).await;
                    p.close().await.ok();
                    let p = open_at(&browser, &console, &event, w, print).await;
                    shoot(&p, dir, &format!("event-{tag}.png")).await;
                    p.close().await.ok();
                }
            }
        }
        page.close().await.ok();

        // /api: the OpenAPI document, and every path without parameters answers.
        let page = open(&browser, &console, &format!("{}api", server.url)).await;
        let (version, paths): (String, Vec<String>) = eval(
            &page,
            "(() => { const d = JSON.parse(document.body.innerText); return [d.openapi, Object.keys(d.paths)]; })()",
        )
        .await;
        assert!(
            version.starts_with("3.") && paths.iter().any(|p| p == "/api/ledger") && paths.len() >= 20,
            "/api: {version} {paths:?}"
        );
        let broken: Vec<String> = paths
            .iter()
            .filter(|p| !p.contains('{') && !p.contains("/delete"))
            .filter_map(|p| {
                let (st, _) = http(&server.url, "GET", p, None);
                (st >= 400).then(|| format!("{p} {st}"))
            })
            .collect();
        assert!(broken.is_empty(), "documented paths that fail: {broken:?}");
        page.close().await.ok();
        drop(server);
    }

    // The English dossier reads all English.
    {
        let html = tmp.path().join("en.html");
        report(&en, &html);
        let page = open(&browser, &console, &format!("file://{}", html.display())).await;
        let lang: String = eval(&page, "document.documentElement.lang").await;
        assert_eq!(lang, "en");
        let foreign: Vec<String> = eval(&page, &foreign_words_js("en")).await;
        assert!(foreign.is_empty(), "English report: Arabic words outside names and quotes: {foreign:#?}");
        page.close().await.ok();
    }

    // Merge asks before it acts, shows both figures' values, and can be undone where it was made.
    {
        let server = Server::start(&demo);
        let page = open(&browser, &console, &server.url).await;
        let href: String = eval(&page, "document.querySelector('table.summary a').getAttribute('href')").await;
        let figure = format!("{}{}", server.url, href.trim_start_matches('/'));
        let page = open(&browser, &console, &figure).await;
        let option: String = eval(&page, "document.querySelector('form[action$=\"/merge\"] option').textContent").await;
        assert!(option.chars().any(|c| c.is_ascii_digit()), "merge menu shows values and counts: {option}");
        navigate(&page, "document.querySelector('form[action$=\"/merge\"]').submit()").await;
        let asked: (String, usize, usize) = eval(&page, "[location.pathname, document.querySelectorAll('.compare > div').length, document.querySelectorAll('.compare .lbh').length]").await;
        assert!(
            asked.0.ends_with("/merge") && asked.1 == 2 && asked.2 == 2,
            "merge asks first, with both figures: {asked:?}"
        );
        assert_eq!(stored_decisions(&server.url), 0, "nothing is stored before the answer");
        let can: bool = eval(&page, "!!document.querySelector('form[action$=\"/merge\"] input[name=confirm]')").await;
        if can {
            navigate(&page, "document.querySelector('form[action$=\"/merge\"] button').click()").await;
            let at: (String, String) =
                eval(&page, "[location.href, document.querySelector('main').innerText.slice(0, 300)]").await;
            assert_eq!(stored_decisions(&server.url), 1, "merged after the answer; now at {at:?}");
            let undo: usize =
                eval(&page, "document.querySelectorAll('details.decided form[action*=\"/decisions/\"]').length").await;
            assert!(undo >= 1, "undo where the decision was made");
            navigate(&page, "document.querySelector('details.decided form button').click()").await;
            assert_eq!(stored_decisions(&server.url), 0, "undone");
        }
        // An empty split is refused with a message; so is an empty decision over the API.
        let page = open(&browser, &console, &figure).await;
        navigate(&page, "document.getElementById('split').submit()").await;
        let err: String = eval(&page, "(document.querySelector('.error') || {textContent: ''}).textContent").await;
        assert!(!err.trim().is_empty(), "split with nothing ticked says so");
        let (status, body) = http(&server.url, "POST", "/api/decisions", Some(r#"{"op":"split","items":[]}"#));
        assert!(status == 400 && body.contains("items"), "empty split over the API: {status} {body}");
        page.close().await.ok();
        drop(server);
    }

    // A 2,000-claim figure: paged, and its page served and laid out in < 300 ms.
    {
        let server = Server::start(&big);
        let page = open(&browser, &console, &server.url).await;
        let href: String = eval(&page, "document.querySelector('table.summary a').getAttribute('href')").await;
        let url = format!("{}{}", server.url, href.trim_start_matches('/'));
        let mut best = f64::INFINITY;
        let mut rows = 0usize;
        let mut next = false;
        let mut total = 0usize;
        for _ in 0..3 {
            let p = open(&browser, &console, &url).await;
            let (ms, resp, dcl): (f64, f64, f64) = eval(&p, "(() => { const n = performance.getEntriesByType('navigation')[0]; return [n.loadEventEnd - n.startTime, n.responseEnd - n.startTime, n.domContentLoadedEventEnd - n.startTime]; })()").await;
            eprintln!("2,000-claim figure page: load {ms:.0} ms (response {resp:.0}, DOM ready {dcl:.0})");
            best = best.min(ms);
            rows = eval(&p, "document.querySelectorAll('table.claims tr.entry').length").await;
            next = eval(&p, "!!document.querySelector('.pager a[rel=next]')").await;
            let (_, body) = http(
                &server.url,
                "GET",
                &format!("/api/figures/{}?limit=1", href.trim_start_matches("/figure/")),
                None,
            );
            let json = body.find('{').and_then(|a| body.rfind('}').map(|b| &body[a..=b])).unwrap_or("{}");
            total = serde_json::from_str::<serde_json::Value>(json)
                .ok()
                .and_then(|v| v["entries_total"].as_u64())
                .unwrap_or(0) as usize;
            p.close().await.ok();
        }
        eprintln!("2,000-claim figure page: {rows} rows, best load {best:.0} ms");
        assert_eq!(total, 2000, "the figure holds 2,000 claims");
        assert!((20..=100).contains(&rows) && next, "paged: {rows} rows, next link {next}");
        // 300 ms on an idle machine; when other processes hold the CPUs (the 1-minute load
        // average above the number of cores) the budget grows in proportion, and says so.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        let load: f64 = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        let budget = 300.0 * (load / cores).max(1.0);
        eprintln!("2,000-claim figure page: budget {budget:.0} ms (load average {load:.1} on {cores} cores)");
        assert!(best < budget, "2,000-claim figure page took {best:.0} ms (best of 3; budget {budget:.0} ms)");
        // The server's part, read without a browser: the page rendered and sent.
        let mut served = f64::INFINITY;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let (st, body) = http(&server.url, "GET", &href, None);
            served = served.min(t.elapsed().as_secs_f64() * 1000.0);
            assert!(st == 200 && body.contains("tr class=\"entry"), "figure page: {st}");
        }
        eprintln!("2,000-claim figure page served in {served:.0} ms");
        assert!(served < budget, "2,000-claim figure page served in {served:.0} ms");
        let p = open(&browser, &console, &format!("{url}?page=40")).await;
        let last: usize = eval(&p, "document.querySelectorAll('table.claims tr.entry').length").await;
        assert!(last >= 1, "the last page lists claims");
        p.close().await.ok();
        drop(server);
    }

    tokio::time::sleep(Duration::from_millis(300)).await;
    // The one error we caused on purpose: the empty split, refused with 400 and a message.
    let errors: Vec<String> =
        console.errors().into_iter().filter(|e| !(e.contains("status of 400") && e.contains("/split"))).collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.close().await.ok();
    let _ = browser.wait().await;
    events.abort();
}
