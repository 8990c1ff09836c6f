// Stands in for the form-data package in the bundle (build.js): axios builds multipart bodies with it, and
// scim-preflight never sends one. Reaching it is a bug in the tool, said as such.
export default class FormData {
  constructor() {
    throw new Error('scim-preflight sends no multipart bodies: form-data is left out of its build')
  }
}
