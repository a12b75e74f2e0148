/** Checkpoints of training runs, written atomically, from which a run resumes exactly. */
package org.ebm4j.training.checkpoint;
