package dev.pointsman.plan;

/** What applying a change does to one pointer. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  NONE("=");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
