// axios, loaded with Node's fetch globals hidden (fetch-globals.ts): the imports run in this order.
import './fetch-globals-hide.ts'
import axios from 'axios'
import './fetch-globals-restore.ts'

export { axios }
