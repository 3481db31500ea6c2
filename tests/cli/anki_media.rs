//! A package's media names are hostile input: only plain file names are
//! kept, inside the media folder beside the collection; `--strict` refuses
//! a package that would lose any.

use crate::env::TestEnv;
use std::io::{Read, Write};
use zip::write::SimpleFileOptions;

/// recall's own package of the small course, its media entry replaced by
/// `media` (name → bytes), numbered as Anki numbers them.
fn package_with_media(env: &TestEnv, media: &[(&str, &[u8])]) -> String {
    let plain = env.path("plain.apkg");
    env.ok(&["export", "--format", "apkg", "-o", plain.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let mut collection = Vec::new();
    zip.by_name("collection.anki21")
        .unwrap()
        .read_to_end(&mut collection)
        .unwrap();
    let path = env.path("media.apkg");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = SimpleFileOptions::default();
    out.start_file("collection.anki21", options).unwrap();
    out.write_all(&collection).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), (*name).into()))
        .collect();
    out.start_file("media", options).unwrap();
    out.write_all(serde_json::Value::Object(map).to_string().as_bytes())
        .unwrap();
    for (i, (_, bytes)) in media.iter().enumerate() {
        out.start_file(i.to_string(), options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
    path.display().to_string()
}

#[test]
fn media_names_that_leave_the_folder_are_refused_and_named() {
    let env = TestEnv::new();
    env.compile_small();
    let hostile: [(&str, &[u8]); 5] = [
        ("../evil.png", b"evil"),
        ("/tmp/recall-absolute.png", b"abs"),
        ("sub/dir.png", b"sub"),
        ("bell\u{7}.png", b"bel"),
        ("ok.png", b"fine"),
    ];
    let apkg = package_with_media(&env, &hostile);
    let media = env.db().with_extension("media");

    let (code, err) = env.fails(&["import", "--strict", &apkg]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("4 media files left out"), "{err}");
    assert!(!media.exists(), "--strict wrote media");

    let out = env.ok(&["import", &apkg]);
    let dir = env.dir.path().display().to_string();
    insta::assert_snapshot!("hostile_media_names", out.replace(&dir, "<dir>"));
    assert!(out.contains("left out: media files left out: 4"), "{out}");
    assert!(out.contains("\"../evil.png\""), "{out}");
    let kept: Vec<String> = std::fs::read_dir(&media)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, ["ok.png"]);
    assert_eq!(std::fs::read(media.join("ok.png")).unwrap(), b"fine");
    assert!(!env.path("evil.png").exists());
    assert!(!std::path::Path::new("/tmp/recall-absolute.png").exists());
}

#[test]
fn a_json_summary_lists_what_was_left_out() {
    let env = TestEnv::new();
    env.compile_small();
    let apkg = package_with_media(&env, &[("../x.png", b"x")]);
    let summary = env.json(&["import", "--json", &apkg]);
    let dropped = &summary["dropped"][0];
    assert_eq!(dropped["what"], "media files left out", "{summary}");
    assert_eq!(dropped["count"], 1);
    assert!(dropped["examples"][0]
        .as_str()
        .unwrap()
        .contains("not a plain file name"));
    assert!(summary["report"]["cards_present"].as_u64().unwrap() > 0);
}
