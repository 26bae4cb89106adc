//! The reader's own dictionary: words that segment as one token and, with a
//! kind, are entities of that kind.

use crate::error::{Error, ErrorKind};
use crate::{Analyzer, EntityKind, Pos};

/// A word for [`Analyzer::add_words`]: its text, and optionally its
/// part-of-speech tag (one of [`Pos::all`]), its frequency (how strongly
/// the segmenter prefers it; by default just enough to keep it whole) and
/// the kind of entity it names.
///
/// ```
/// use zhlens::{EntityKind, UserWord};
///
/// let word = UserWord::new("华芯微电子").kind(EntityKind::Org).pos("nt").freq(500);
/// assert_eq!(word.text(), "华芯微电子");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserWord {
    text: String,
    pos: Option<String>,
    freq: Option<usize>,
    kind: Option<EntityKind>,
}

impl UserWord {
    /// A word with no tag, frequency or kind.
    pub fn new(text: impl Into<String>) -> Self {
        UserWord {
            text: text.into(),
            pos: None,
            freq: None,
            kind: None,
        }
    }

    /// Tags the word (`"nt"`, `"ns"`, `"nr"`, `"n"`…).
    pub fn pos(mut self, pos: impl Into<String>) -> Self {
        self.pos = Some(pos.into());
        self
    }

    /// The word's frequency, at least 1.
    pub fn freq(mut self, freq: usize) -> Self {
        self.freq = Some(freq);
        self
    }

    /// Makes the word an entity of `kind` wherever it stands as a word.
    pub fn kind(mut self, kind: EntityKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// The word.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why the word cannot be added, if it cannot.
    fn problem(&self) -> Option<&'static str> {
        if self.text.is_empty() {
            Some("the text is empty")
        } else if self.text.contains(char::is_whitespace) {
            Some("the text contains whitespace")
        } else if self
            .pos
            .as_deref()
            .is_some_and(|p| !Pos::all().contains(&p))
        {
            Some("the part-of-speech tag is not one of jieba's")
        } else if self.freq == Some(0) {
            Some("the frequency is 0")
        } else {
            None
        }
    }

    /// The tag the segmenter gives the word: the one asked for, else the
    /// one of its kind (nr, ns, nt), else a noun.
    fn tag(&self) -> &str {
        self.pos.as_deref().unwrap_or(match self.kind {
            Some(kind) => kind_tag(kind),
            None => "n",
        })
    }
}

/// The segmenter's tag for names of `kind`.
pub(crate) fn kind_tag(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "nr",
        EntityKind::Place => "ns",
        EntityKind::Org => "nt",
    }
}

impl Analyzer {
    /// Adds the reader's own words: each segments as one token from now on
    /// (in Simplified and Traditional text alike: a Traditional word is
    /// added in its Simplified form, which is what the segmenter reads),
    /// and one with a kind is an entity of that kind wherever it stands as
    /// a word. Nothing is added when an entry is bad (empty, with
    /// whitespace, an unknown tag, a frequency of 0): the error names it.
    ///
    /// ```
    /// use zhlens::{AnalyzeOptions, Analyzer, Date, EntityKind, UserWord};
    ///
    /// let mut analyzer = Analyzer::new();
    /// analyzer.add_words(&[UserWord::new("華芯微電子").kind(EntityKind::Org)])?;
    /// let text = "華芯微電子今年營收成長三成。";
    /// let analysis = analyzer.analyze(text, &AnalyzeOptions::new(Date::new(2025, 9, 15).unwrap()));
    /// assert_eq!(&text[analysis.tokens()[0].range()], "華芯微電子");
    /// let org = &analysis.entities()[0];
    /// assert_eq!((&text[org.range()], org.kind()), ("華芯微電子", EntityKind::Org));
    ///
    /// let err = analyzer.add_words(&[UserWord::new("華芯 微電子")]).unwrap_err();
    /// assert!(err.to_string().contains("華芯 微電子"));
    /// # Ok::<(), zhlens::Error>(())
    /// ```
    pub fn add_words(&mut self, words: &[UserWord]) -> Result<(), Error> {
        if let Some((word, problem)) = words
            .iter()
            .find_map(|w| w.problem().map(|problem| (w, problem)))
        {
            return Err(Error::new(ErrorKind::BadUserWord {
                text: word.text.clone(),
                problem,
            }));
        }
        for word in words {
            let simplified = crate::document::Document::read(&word.text)
                .view()
                .to_string();
            self.segmenter
                .add_word(&simplified, word.freq, Pos::named(word.tag()));
            if let Some(kind) = word.kind {
                self.lexicon.insert(&simplified, kind);
            }
        }
        Ok(())
    }
}
