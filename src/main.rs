/// Allocation failure is reported as an error (exit 71), not an abort.
#[global_allocator]
static ALLOC: hifplan::cli::ReportingAlloc = hifplan::cli::ReportingAlloc;

fn main() {
    std::process::exit(hifplan::cli::main());
}
