//! Interface words in the dossier's language: Arabic dossiers get an Arabic,
//! right-to-left page; anything else English.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Lang {
        if s == "ar" {
            Lang::Ar
        } else {
            Lang::En
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }
    /// The majority language of the documents (`ar` wins a tie: the project's home corpus).
    pub fn of_docs<'a>(langs: impl Iterator<Item = Option<&'a str>>) -> Lang {
        let (mut ar, mut other) = (0usize, 0usize);
        for l in langs {
            match l {
                Some("ar") => ar += 1,
                Some(_) => other += 1,
                None => {}
            }
        }
        if ar >= other && ar > 0 {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    pub fn t(self, key: &str) -> &'static str {
        let (en, ar) = match key {
            "ledger" => ("The ledger", "سجل الأرقام"),
            "summary" => ("Figures", "الأرقام"),
            "figure" => ("Figure", "الرقم"),
            "low" => ("Low", "الأدنى"),
            "best" => ("Best", "الأرجح"),
            "high" => ("High", "الأعلى"),
            "sources" => ("Independent sources", "مصادر مستقلة"),
            "claims" => ("Claims", "ادعاءات"),
            "agree" => ("Agree", "متفقة"),
            "contradict" => ("Contradict", "متعارضة"),
            "denials" => ("Denials", "نفي"),
            "value" => ("Value", "القيمة"),
            "counted" => ("Counted", "المعدود"),
            "speaker" => ("Speaker", "القائل"),
            "relay" => ("Relayed by", "عبر"),
            "outlet" => ("Outlet / document", "الوسيلة / الوثيقة"),
            "published" => ("Published", "النشر"),
            "stance" => ("Stance", "الموقف"),
            "mark" => ("Mark", "العلامة"),
            "sentence" => ("Sentence", "الجملة"),
            "why" => ("Why together", "سبب التجميع"),
            "rule" => (
                "How low, best and high are chosen",
                "كيف يُختار الأدنى والأرجح والأعلى",
            ),
            "documents" => ("Documents", "الوثائق"),
            "speakers" => ("Speakers", "المتحدثون"),
            "search" => ("Search", "بحث"),
            "more" => (
                "more figures are listed above without detail; open them with `isnad serve`.",
                "أرقام أخرى مدرجة في الجدول أعلاه دون تفاصيل؛ افتحها عبر isnad serve.",
            ),
            "ungrouped" => (
                "claims stand alone (no other claim measures the same thing)",
                "ادعاءات منفردة (لا يقيس غيرها الشيء نفسه)",
            ),
            "agrees" => ("agrees", "يتفق"),
            "higher" => ("higher", "أعلى"),
            "lower" => ("lower", "أدنى"),
            "denies" => ("denies", "ينفي"),
            "none" => ("—", "—"),
            "repeat" => ("same source again", "المصدر نفسه مجدداً"),
            "agrees_with" => ("agrees with", "يتفق مع"),
            "assert" => ("asserts", "يؤكد"),
            "deny" => ("denies", "ينفي"),
            "outlet_voice" => ("(the outlet)", "(الوسيلة نفسها)"),
            "kind" => ("kind", "النوع"),
            "class" => ("counted", "المعدود"),
            "action" => ("action", "الفعل"),
            "place" => ("place", "المكان"),
            "document place" => ("place of the documents", "مكان الوثائق"),
            "date" => ("date", "التاريخ"),
            "name" => ("Name", "الاسم"),
            "rename" => ("Name this figure", "سمِّ هذا الرقم"),
            "split" => (
                "Split the checked claims into a new figure",
                "افصل الادعاءات المحددة في رقم جديد",
            ),
            "merge" => ("Merge with figure", "ادمج مع الرقم"),
            "decisions" => ("Decisions", "القرارات"),
            "undo" => ("Undo", "تراجع"),
            "user" => ("shaped by the analyst", "عدّله المحلل"),
            "no_results" => ("Nothing found.", "لا نتائج."),
            "in_figures" => ("In figures", "في الأرقام"),
            "print" => (
                "Printable; no scripts, fonts or network.",
                "قابل للطباعة؛ بلا سكربتات أو خطوط أو شبكة.",
            ),
            "entity" => ("Entity id", "معرّف الكيان"),
            "page" => ("Page", "صفحة"),
            "next" => ("Next", "التالي"),
            "prev" => ("Previous", "السابق"),
            "text" => ("Text", "النص"),
            _ => ("", ""),
        };
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }

    /// A label for a class, action or kind value from the word lists.
    pub fn term(self, v: &str) -> String {
        if self == Lang::En {
            return v.replace('_', " ");
        }
        let ar = match v {
            "people" => "أشخاص",
            "fighters" => "مقاتلون",
            "foreign fighters" => "مقاتلون أجانب",
            "family_members" => "أفراد عائلات",
            "families" => "عائلات",
            "children" => "أطفال",
            "women" => "نساء",
            "women_children" => "نساء وأطفال",
            "passengers" => "ركاب",
            "drivers" => "سائقون",
            "detainees" => "محتجزون",
            "buses" => "حافلات",
            "trucks" => "شاحنات",
            "cars" => "سيارات",
            "vehicles" => "مركبات",
            "left" => "خرجوا / غادروا",
            "displaced" => "نزحوا",
            "killed" => "قُتلوا",
            "wounded" => "جُرحوا",
            "surrendered" => "استسلموا",
            "arrested" => "اعتُقلوا",
            "remained" => "بقوا",
            "arrived" => "وصلوا",
            "returned" => "عادوا",
            "screened" => "فُحصوا",
            "paid" => "دُفع",
            "cost" => "الكلفة",
            "money" => "مال",
            "duration" => "مدة",
            "distance" => "مسافة",
            "percent" => "نسبة",
            "weight" => "وزن",
            "other" => "أخرى",
            _ => return v.to_string(),
        };
        ar.to_string()
    }
}
