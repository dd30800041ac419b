package dev.pointsman.model;

/** An extra version that receives a share of an alias's traffic. */
public record Routing(String version, Percent weight) {
  @Override
  public String toString() {
    return "{" + version + ": " + weight + "}";
  }
}
