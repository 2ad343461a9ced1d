#pragma once
// Crash points for tests of recovery: with SC_FAULT_POINT=<name>:<n> in the environment, the
// process dies the n-th time it reaches faultPoint("<name>"), at once and without unwinding or
// flushing anything (std::_Exit(137), as after SIGKILL). A SIGKILL from outside lands at a
// random moment; a crash point lands between two steps that must look atomic, such as the
// commits of a checkpoint. Without the variable, faultPoint is one branch on a cached flag.

namespace sc {

void faultPoint(const char* name);

}  // namespace sc
