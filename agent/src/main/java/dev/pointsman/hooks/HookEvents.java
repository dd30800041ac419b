package dev.pointsman.hooks;

import dev.pointsman.model.ResourceId;

/** Where hook outcomes are told (chat, logs): once per failure, with the hook's name and result. */
@FunctionalInterface
public interface HookEvents {
  void publish(ResourceId resource, String title, String detail);

  HookEvents NONE = (r, t, d) -> {};
}
