// The binary only calls into the library (see generator/cli/).
#include "generator/cli/command.h"

int main(int argc, char** argv) {
  return vetrina::cli::run(argc, argv);
}
