package dev.pointsman.plan;

/** What applying a change does to one pointer. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  NONE("="),
  /** A change the environment's release policy does not allow yet (soak, order, freeze). */
  HOLD("‖");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
