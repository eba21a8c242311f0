/** Complaints (pengaduan, issue 16): the lifecycle and its clocks, the rules the API enforces. */
export {};
