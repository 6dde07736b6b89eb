// The command-line entry point; wired up as the modules land.
int main() { return 1; }
