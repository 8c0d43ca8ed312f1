//! What hifplan works out about plans beyond solving one: measured prices,
//! why a scenario is infeasible, how the answer moves with its inputs,
//! grids of variants and side-by-side comparisons. Each returns typed
//! facts; `crate::report` puts them into words.

pub mod compare;
pub mod explain;
pub mod prices;
pub mod projection;
pub mod sensitivity;
pub mod sweep;
