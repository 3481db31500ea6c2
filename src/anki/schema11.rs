//! The JSON that a schema-11 collection keeps in its `col` row: note types
//! (`models`), decks, deck options (`dconf`) and settings (`conf`). Written
//! with every key Anki's loader requires; read leniently, keeping only what
//! recall uses.

use super::{Deck, Notetype, NotetypeKind, Template, DEFAULT_CONFIG_ID, DEFAULT_DECK_ID};
use serde_json::{json, Map, Value};

/// `conf.schedVer`: the v2/v3 scheduler, so Anki converts nothing on import.
const SCHEDULER_VERSION: i64 = 2;
const FIELD_FONT: &str = "Arial";
const FIELD_FONT_SIZE: i64 = 20;

fn object<T>(items: impl Iterator<Item = (i64, T)>) -> Value
where
    T: Into<Value>,
{
    Value::Object(items.map(|(id, v)| (id.to_string(), v.into())).collect())
}

/// `col.models`.
pub fn models_json(notetypes: &[Notetype]) -> String {
    let models = object(notetypes.iter().map(|nt| {
        let fields: Vec<Value> = nt
            .fields
            .iter()
            .zip(0..)
            .map(|(name, ord)| {
                json!({"name": name, "ord": ord, "sticky": false, "rtl": false,
                       "font": FIELD_FONT, "size": FIELD_FONT_SIZE, "media": []})
            })
            .collect();
        let templates: Vec<Value> = nt
            .templates
            .iter()
            .zip(0..)
            .map(|(t, ord)| {
                json!({"name": t.name, "ord": ord, "qfmt": t.qfmt, "afmt": t.afmt,
                       "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0})
            })
            .collect();
        // A standard card is made when its first field is not empty.
        let req: Vec<Value> = (0..nt.templates.len())
            .map(|ord| json!([ord, "any", [0]]))
            .collect();
        let kind = match nt.kind {
            NotetypeKind::Standard => 0,
            NotetypeKind::Cloze => 1,
        };
        (
            nt.id,
            json!({"id": nt.id, "name": nt.name, "type": kind, "mod": nt.mtime_secs, "usn": 0,
                   "sortf": 0, "did": DEFAULT_DECK_ID, "tmpls": templates, "flds": fields,
                   "css": nt.css, "latexPre": "", "latexPost": "", "latexsvg": false,
                   "req": req, "tags": [], "vers": []}),
        )
    }));
    models.to_string()
}

/// `col.decks`: Anki's Default deck and `decks`.
pub fn decks_json(decks: &[Deck], mtime_secs: i64) -> String {
    let default = Deck {
        id: DEFAULT_DECK_ID,
        name: "Default".into(),
    };
    let today = json!([0, 0]);
    object(std::iter::once(&default).chain(decks).map(|d| {
        (
            d.id,
            json!({"id": d.id, "name": d.name, "mod": mtime_secs, "usn": 0, "desc": "",
                   "dyn": 0, "conf": DEFAULT_CONFIG_ID, "collapsed": false,
                   "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
                   "lrnToday": today, "revToday": today, "newToday": today,
                   "timeToday": today}),
        )
    }))
    .to_string()
}

/// `col.dconf`: Anki's default deck options.
pub fn dconf_json(mtime_secs: i64) -> String {
    object(std::iter::once((
        DEFAULT_CONFIG_ID,
        json!({"id": DEFAULT_CONFIG_ID, "name": "Default", "mod": mtime_secs, "usn": 0,
               "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true, "dyn": false,
               "new": {"delays": [1.0, 10.0], "ints": [1, 4, 0], "initialFactor": 2500,
                       "order": 1, "perDay": 20, "bury": false},
               "rev": {"perDay": 200, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500,
                       "bury": false, "hardFactor": 1.2},
               "lapse": {"delays": [10.0], "mult": 0.0, "minInt": 1, "leechFails": 8,
                         "leechAction": 1}}),
    )))
    .to_string()
}

/// `col.conf`.
pub fn conf_json(current_notetype: i64, next_position: i64) -> String {
    json!({"schedVer": SCHEDULER_VERSION, "curDeck": DEFAULT_DECK_ID,
           "activeDecks": [DEFAULT_DECK_ID], "curModel": current_notetype,
           "nextPos": next_position, "sortType": "noteFld", "sortBackwards": false,
           "addToCur": true, "newSpread": 0, "collapseTime": 1200, "timeLim": 0,
           "estTimes": true, "dueCounts": true, "dayLearnFirst": false})
    .to_string()
}

fn id_of(key: &str, v: &Value) -> Option<i64> {
    v.get("id")
        .and_then(|id| id.as_i64().or_else(|| id.as_str()?.parse().ok()))
        .or_else(|| key.parse().ok())
}

fn entries(json: &str, what: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("{what} is not a JSON object")),
        Err(e) => Err(format!("{what} is not valid JSON: {e}")),
    }
}

fn names(list: Option<&Value>) -> Vec<String> {
    let mut items: Vec<(i64, String)> = list
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .zip(0..)
                .map(|(f, i)| {
                    let ord = f.get("ord").and_then(Value::as_i64).unwrap_or(i);
                    let name = f.get("name").and_then(Value::as_str).unwrap_or("");
                    (ord, name.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    items.sort_by_key(|(ord, _)| *ord);
    items.into_iter().map(|(_, n)| n).collect()
}

/// Note types from `col.models`.
pub fn parse_models(json: &str) -> Result<Vec<Notetype>, String> {
    let mut out = Vec::new();
    for (key, v) in entries(json, "the note types (col.models)")? {
        let id = id_of(&key, &v).ok_or_else(|| format!("note type {key:?} has no id"))?;
        let mut templates: Vec<(i64, Template)> = v
            .get("tmpls")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .zip(0..)
                    .map(|(t, i)| {
                        let s =
                            |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                        let ord = t.get("ord").and_then(Value::as_i64).unwrap_or(i);
                        (
                            ord,
                            Template {
                                name: s("name"),
                                qfmt: s("qfmt"),
                                afmt: s("afmt"),
                            },
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        templates.sort_by_key(|(ord, _)| *ord);
        out.push(Notetype {
            id,
            name: v.get("name").and_then(Value::as_str).unwrap_or("").into(),
            kind: match v.get("type").and_then(Value::as_i64) {
                Some(1) => NotetypeKind::Cloze,
                _ => NotetypeKind::Standard,
            },
            fields: names(v.get("flds")),
            templates: templates.into_iter().map(|(_, t)| t).collect(),
            css: v.get("css").and_then(Value::as_str).unwrap_or("").into(),
            mtime_secs: v.get("mod").and_then(Value::as_i64).unwrap_or(0),
        });
    }
    out.sort_by_key(|nt| nt.id);
    Ok(out)
}

/// Decks from `col.decks`.
pub fn parse_decks(json: &str) -> Result<Vec<Deck>, String> {
    let mut out = Vec::new();
    for (key, v) in entries(json, "the decks (col.decks)")? {
        let id = id_of(&key, &v).ok_or_else(|| format!("deck {key:?} has no id"))?;
        let name = v
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        out.push(Deck { id, name });
    }
    out.sort_by_key(|d| d.id);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic() -> Notetype {
        Notetype {
            id: 7,
            name: "recall basic".into(),
            kind: NotetypeKind::Standard,
            fields: vec!["Front".into(), "Back".into()],
            templates: vec![Template {
                name: "Card 1".into(),
                qfmt: "{{Front}}".into(),
                afmt: "{{Back}}".into(),
            }],
            css: ".card {}".into(),
            mtime_secs: 5,
        }
    }

    #[test]
    fn models_round_trip() {
        let nt = basic();
        assert_eq!(
            parse_models(&models_json(std::slice::from_ref(&nt))).unwrap(),
            vec![nt]
        );
    }

    #[test]
    fn decks_round_trip_with_default() {
        let decks = [Deck {
            id: 9,
            name: "Python::Phase 0".into(),
        }];
        let parsed = parse_decks(&decks_json(&decks, 0)).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1], decks[0]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse_models("[1, 2]").is_err());
        assert!(parse_decks("{").is_err());
    }
}
