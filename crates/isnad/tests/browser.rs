//! The ledger in a real browser: Debian's chromium, headless, driven over the DevTools
//! protocol, loads the static report and the pages `isnad serve` serves for the demo
//! dossier, and checks that figures, charts and claim highlights are there, that the
//! Arabic pages are right-to-left with numbers left-to-right, that a claim's details
//! open on focus, and that the console stays free of errors.
//!
//! Skips (passing) with a message when /usr/bin/chromium is absent; `.ci/run` installs it.

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::log::{
    EnableParams as LogEnable, EventEntryAdded, LogEntryLevel,
};
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown,
};
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
        BufReader::new(out)
            .read_line(&mut line)
            .expect("serve prints its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("address line")
            .to_string();
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
        page.execute(LogEnable::default())
            .await
            .expect("Log.enable");
        let mut calls = page
            .event_listener::<EventConsoleApiCalled>()
            .await
            .expect("console events");
        let mut thrown = page
            .event_listener::<EventExceptionThrown>()
            .await
            .expect("exception events");
        let mut logs = page
            .event_listener::<EventEntryAdded>()
            .await
            .expect("log events");
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
    page.goto(url)
        .await
        .unwrap_or_else(|e| panic!("loading {url}: {e}"));
    page.wait_for_navigation().await.expect("navigation");
    page
}

/// Right-to-left Arabic page whose numbers stay left-to-right.
async fn assert_rtl(page: &Page, what: &str) {
    let dir: String = eval(page, "document.documentElement.dir").await;
    let lang: String = eval(page, "document.documentElement.lang").await;
    assert_eq!((dir.as_str(), lang.as_str()), ("rtl", "ar"), "{what}");
    let num_dir: String = eval(page, "(() => { const n = document.querySelector('bdi.num'); return n ? getComputedStyle(n).direction : 'none'; })()").await;
    assert_eq!(num_dir, "ltr", "{what}: numbers must read left to right");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_and_served_pages_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "SKIPPED browser test: {CHROMIUM} is not installed (apt-get install -y chromium)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("demo.db");
    let st = isnad()
        .arg("ingest")
        .args(demo_files())
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    let report = tmp.path().join("report.html");
    let st = isnad()
        .args(["report", "--quiet", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "report: {}",
        String::from_utf8_lossy(&st.stderr)
    );
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
    let rows: usize = eval(
        &page,
        "document.querySelectorAll('table.summary tbody tr').length",
    )
    .await;
    let figures: usize = eval(&page, "document.querySelectorAll('section.figure').length").await;
    let charts: usize = eval(
        &page,
        "document.querySelectorAll('section.figure svg.chart').length",
    )
    .await;
    let marks: usize = eval(
        &page,
        "document.querySelectorAll('svg.chart circle, svg.chart rect.bar').length",
    )
    .await;
    let hollow: usize = eval(
        &page,
        "document.querySelectorAll('svg.chart circle.hollow').length",
    )
    .await;
    let highlights: usize = eval(
        &page,
        "document.querySelectorAll('td.sentence mark').length",
    )
    .await;
    assert!(
        rows >= 4 && figures == rows.min(200),
        "summary rows {rows}, figures {figures}"
    );
    assert_eq!(charts, figures, "a chart per figure");
    assert!(
        marks >= 10 && hollow >= 1,
        "chart marks {marks}, hollow (at least) {hollow}"
    );
    assert!(highlights >= 10, "highlighted claims {highlights}");
    let external: usize = eval(
        &page,
        "document.querySelectorAll('script, link[rel=stylesheet], img, iframe').length",
    )
    .await;
    assert_eq!(external, 0, "the report loads nothing");

    // The figures page and the first figure.
    let page = open(&browser, &console, &server.url).await;
    assert_rtl(&page, "figures").await;
    let first: String = eval(
        &page,
        "document.querySelector('table.summary a').getAttribute('href')",
    )
    .await;
    let page = open(
        &browser,
        &console,
        &format!("{}{}", server.url, first.trim_start_matches('/')),
    )
    .await;
    assert_rtl(&page, "figure").await;
    let charts: usize = eval(&page, "document.querySelectorAll('svg.chart').length").await;
    let entries: usize = eval(
        &page,
        "document.querySelectorAll('table.claims tr.entry').length",
    )
    .await;
    let forms: usize = eval(
        &page,
        "document.querySelectorAll('form[method=post]').length",
    )
    .await;
    assert!(
        charts == 1 && entries >= 2 && forms >= 2,
        "figure page: charts {charts}, entries {entries}, forms {forms}"
    );

    // A document: every claim marked, details shown on focus.
    let page = open(&browser, &console, &format!("{}document/1", server.url)).await;
    assert_rtl(&page, "document").await;
    let claims: usize = eval(&page, "document.querySelectorAll('.doctext .claim').length").await;
    assert!(claims >= 5, "claims marked in the document: {claims}");
    let hidden: String = eval(
        &page,
        "getComputedStyle(document.querySelector('.claim .tip')).display",
    )
    .await;
    let shown: String = eval(&page, "(() => { const c = document.querySelector('.claim'); c.focus(); return getComputedStyle(c.querySelector('.tip')).display; })()").await;
    assert_eq!(
        (hidden.as_str(), shown.as_str()),
        ("none", "block"),
        "claim details open on focus"
    );
    let tip: String = eval(&page, "document.querySelector('.claim .tip').innerText").await;
    assert!(!tip.trim().is_empty(), "claim details are filled");

    // Speakers and search.
    let page = open(&browser, &console, &format!("{}speakers", server.url)).await;
    let speakers: usize = eval(
        &page,
        "document.querySelectorAll('main table tbody tr').length",
    )
    .await;
    assert!(speakers >= 5, "speakers {speakers}");
    let page = open(
        &browser,
        &console,
        &format!(
            "{}search?q=%D8%A7%D9%84%D8%AD%D8%A7%D9%81%D9%84%D8%A7%D8%AA",
            server.url
        ),
    )
    .await;
    let hits: usize = eval(&page, "document.querySelectorAll('ol.results li').length").await;
    assert!(hits >= 1, "search results {hits}");
    let escaped: usize = {
        let p = open(
            &browser,
            &console,
            &format!("{}search?q=%3Cscript%3Ealert(1)%3C/script%3E", server.url),
        )
        .await;
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
