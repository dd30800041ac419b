package dev.pointsman.hooks;

/** What a kind needs to run verification hooks: the runner, the records, where to tell. */
public record HookSupport(HookRunner runner, HookStore store, HookEvents events) {}
