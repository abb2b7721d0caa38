//! Native core of masa-zk: the hot paths behind the Python package.
//!
//! Everything here is plain safe Rust except `ffi`, the single C ABI seam.
pub mod babyjubjub;
pub mod bn254;
pub mod eddsa;
pub mod error;
pub mod ffi;
pub mod fft;
pub mod formats;
pub mod groth16;
pub mod msm;
pub mod poseidon;
pub mod witness;

pub use error::{Error, Result};
