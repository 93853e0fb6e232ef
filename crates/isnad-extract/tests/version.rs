//! `EXTRACTOR_VERSION` must move whenever extraction output moves, or `isnad reextract`
//! leaves stale claims in a dossier. This test fingerprints the full output (every field
//! of every record) on a fixed set of texts held in the repository: the demo reports
//! (our own) and the sentences below (our own, one per rule family). Each version has
//! exactly one fingerprint in `HISTORY`; a changed fingerprint needs a new entry, and a
//! new entry needs a new version number, so the two cannot drift apart.
//!
//! When it fails: bump `EXTRACTOR_VERSION` in src/lib.rs and append
//! `(new version, printed fingerprint)` to `HISTORY`.

use std::path::PathBuf;

use isnad_extract::{extract, Options, Ymd, EXTRACTOR_VERSION};

/// (version, fingerprint of the output at that version), oldest first.
const HISTORY: &[(u32, u64)] = &[
    (3, 0xb454422c8c6f24ac),
    (4, 0x89b8bb5491506682),
    (5, 0x1eeb5fb1685ea864),
    (6, 0x6b31251aac686e8c),
    (7, 0xefe0f9937092228e),
    (8, 0xf65fdcd13fe50c5d),
    (9, 0x26eb7523a000cd59),
    (10, 0x47fa21e4a34f7e08),
    (11, 0x7eaf0923c1697784),
];

const SENTENCES: &[&str] = &[
    "قال المتحدث باسم الدفاع المدني إن أكثر من 40 شخصاً قتلوا وأصيب نحو 120 آخرين.",
    "نزح أكثر من نصف السكان، وتراوحت الحرارة بين سالب 5 و10 درجات.",
    "يتسع المخيم لأكثر من 200 وأقل من 500 عائلة، وسجلت المستشفيات 40 حالة اختناق.",
    "تخطى عدد الجرحى 150، وقد تصل الحصيلة إلى 300 وفق مصادر طبية.",
    "وزارة الصحة: 12 قتيلاً في قصف على البلدة",
    "وقال مدير المستشفى في البلدة، الطبيب سامر خليل، إن 30 جريحاً وصلوا خلال 24 ساعة.",
    "بلغت الكلفة 2.5 مليون دولار في 12 أكتوبر 2017، و15 في المئة من المنازل تضررت.",
    "وقال الوزير في تسجيل مصور نشره الموقع إن 30 مقاتلا استسلموا، وقتل 5 رجال ونساء.",
    "ولم تؤكد السلطات هذه الأرقام، في حين قالت إن 4 جنود أصيبوا، وقدّر مسؤول محلي عدد المفقودين بالعشرات.",
    "وبحسب رويترز، فإن عدد القتلى بلغ 27، بينما أفادت مصادر بسقوط 35 قتيلا، ويقدر عدد السكان بنحو 250 ألف نسمة، فر نصفهم.",
    "The death toll rose to 45, the ministry said in a statement, up from 31, and another 12 were missing.",
];

/// FNV-1a, 64 bits: stable across Rust releases, unlike the std hasher.
fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[test]
fn extractor_version_moves_with_the_output() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts: Vec<(String, String)> = Vec::new();
    for dir in ["examples/demo", "examples/demo-en"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            texts.push((f.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&f).unwrap()));
        }
    }
    texts.extend(SENTENCES.iter().enumerate().map(|(n, s)| (format!("sentence {n}"), s.to_string())));
    assert!(texts.len() > SENTENCES.len(), "the demo reports are missing");
    let opts = Options { published: Ymd::parse("2017-10-20"), ..Default::default() };
    let mut h = 0xcbf2_9ce4_8422_2325;
    for (name, text) in &texts {
        h = fnv(name.as_bytes(), h);
        for r in extract(text, &opts) {
            h = fnv(format!("{r:?}\n").as_bytes(), h);
        }
    }
    let &(version, fingerprint) = HISTORY.last().unwrap();
    let versions: Vec<u32> = HISTORY.iter().map(|e| e.0).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "HISTORY versions must rise: {versions:?}");
    assert_eq!(
        EXTRACTOR_VERSION, version,
        "EXTRACTOR_VERSION is not the last entry of HISTORY: append ({EXTRACTOR_VERSION}, 0x{h:016x})"
    );
    assert_eq!(
        h, fingerprint,
        "extraction output changed (fingerprint 0x{h:016x}, HISTORY has 0x{fingerprint:016x} for version {version}): bump EXTRACTOR_VERSION and append (new version, 0x{h:016x}) to HISTORY"
    );
}
