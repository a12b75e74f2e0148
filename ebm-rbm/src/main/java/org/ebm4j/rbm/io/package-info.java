/** Reading RBM parameters written by other libraries (NumPy .npy files from scikit-learn). */
package org.ebm4j.rbm.io;
