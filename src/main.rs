fn main() {
    std::process::exit(hifplan::cli::main());
}
