/** NRNs are core's (temporary credentials carry them too); NCP's routes use them from here. */
export { idInNrn, profileNrn, roleNrn } from '../../core/model/nrn.js';
