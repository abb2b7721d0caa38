//! The committed C header must equal what cbindgen generates from the sources.
//! Regenerate with `MASA_ZK_BLESS=1 cargo test --test header`.
use std::path::PathBuf;

#[test]
fn header_matches_sources() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_root_or_default(&crate_dir);
    let generated = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen failed");
    let mut out = Vec::new();
    generated.write(&mut out);
    let generated = String::from_utf8(out).unwrap();
    let path = crate_dir.join("include").join("masa_zk.h");
    if std::env::var_os("MASA_ZK_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "native/include/masa_zk.h drifted from the sources; regenerate it with \
         `MASA_ZK_BLESS=1 cargo test --test header` and commit it"
    );
}
