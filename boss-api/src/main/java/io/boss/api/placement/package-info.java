/**
 * Intent-matching rules shared by the scheduler and the node agent: how a pod's sandbox intent is
 * resolved ({@link io.boss.api.placement.PlacementIntent}), whether a reported provider can run it
 * ({@link io.boss.api.placement.ProviderMatcher}), which provider of a node is chosen
 * ({@link io.boss.api.placement.ProviderSelector}) and what the pod requests
 * ({@link io.boss.api.placement.ResourceRequests}). Every rejection carries one of the standard
 * {@link io.boss.api.model.Reason}s.
 */
package io.boss.api.placement;
