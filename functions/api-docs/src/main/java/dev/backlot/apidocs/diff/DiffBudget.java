package dev.backlot.apidocs.diff;

/**
 * How much work one comparison may do. Definitions are user input: {@code $ref}s can form cycles
 * and, shared by several properties at every level, describe exponentially many paths through a
 * small document. Cycles are cut and shared references compared once ({@link SchemaComparison}),
 * and this budget bounds whatever remains, so a hostile pair costs a known amount, never the heap
 * or the stack.
 *
 * @param maxWork schema nodes visited and findings copied, in all
 * @param maxDepth schemas nested inside one another, references followed
 * @param maxFindings findings kept per operation, channel or type; more are counted, not kept
 */
record DiffBudget(long maxWork, int maxDepth, int maxFindings) {
  /**
   * The benchmark's two 3 MB definitions take 100,000-200,000 steps (under a second), so two at
   * the 10 MiB size limit fit three times over, while the worst a hostile pair can cost stays
   * within seconds of the request deadline. See docs/api-docs.md.
   */
  static final DiffBudget DEFAULT = new DiffBudget(2_000_000, 64, 200);

  /** The work spent so far on one comparison, against this budget. */
  Meter meter() {
    return new Meter(this);
  }

  static final class Meter {
    private final DiffBudget budget;
    private long spent;

    private Meter(DiffBudget budget) {
      this.budget = budget;
    }

    DiffBudget budget() {
      return budget;
    }

    void spend(long units) {
      spent += units;
      if (spent > budget.maxWork) {
        throw new DiffTooLargeException("Comparing these versions takes more than " + budget.maxWork
            + " steps (the definitions' references multiply the work); the comparison was stopped");
      }
    }

    void enter(int depth) {
      if (depth > budget.maxDepth) {
        throw new DiffTooLargeException("Schemas are nested more than " + budget.maxDepth
            + " levels deep through references; the comparison was stopped");
      }
    }
  }
}
