/** A hand-sequenced E and ∇ₓE path for SameDiff energies built from the built-in layers (the sampler hot loop). */
package org.ebm4j.nn.direct;
