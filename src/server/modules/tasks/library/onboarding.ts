/** Library package: onboarding at a new workplace, with a mentor following the newcomer's first weeks. */
import type { LibraryEntry } from "./index.js";
import { paragraphs } from "./text.js";

export const onboarding: LibraryEntry = {
  slug: "workplace-onboarding",
  en: {
    name: "Workplace onboarding",
    description:
      "The first weeks at a new job, in short check-ins between a newcomer and their mentor: getting to know people and routines, learning the work, asking early and saying what would help. Suits most workplaces, and work placements and apprenticeships too.",
    content: {
      roleTitles: { leader: { en: "Mentor", sv: "Handledare" }, sender: { en: "Newcomer", sv: "Nyanställd" } },
      tags: [
        { name: "Learned something new", colour: "green" },
        { name: "Met colleagues", colour: "teal" },
        { name: "Need more information", colour: "orange" },
        { name: "Safety", colour: "red" },
        { name: "Tools and systems", colour: "blue" },
        { name: "Routines", colour: "grey" },
        { name: "Did it on my own", colour: "purple" },
        { name: "Idea for improvement", colour: "yellow" },
      ],
      tasks: [
        {
          title: "My first day",
          instructions: paragraphs(
            "How was your first day? Pick the emoji that fits best, without thinking too long.",
            "Write what you did, whom you met and what you noticed. Is there anything you missed or wondered about that nobody told you?",
          ),
        },
        {
          title: "Who does what here?",
          instructions: paragraphs(
            "Make a simple map of the people you work with: names, roles, and whom to ask about what. A photo of a hand-drawn sketch is fine.",
            "Who would you like to get to know better, and why?",
          ),
        },
        {
          title: "Safety and rules I need to know",
          instructions: paragraphs(
            "Write down the most important safety rules and routines at your workplace: emergency exits, what to do if something happens, protective equipment, how to report an incident or a risk.",
            "Is anything unclear? Ask here — your mentor answers in the thread. Tag the loop \"Safety\".",
          ),
        },
        {
          title: "A task I learned this week",
          instructions: paragraphs(
            "Describe a work task you learned this week, step by step, as if you were explaining it to the next newcomer.",
            "Which step was hardest? What helped you learn it?",
          ),
        },
        {
          title: "Tools and systems",
          instructions: paragraphs(
            "Which tools, machines or computer systems do you use in your work? Which ones do you already handle well, and which do you need more practice with?",
            "Write one question about a tool or system that you would like an answer to.",
          ),
        },
        {
          title: "Something I did on my own",
          instructions: paragraphs(
            "Tell us about a task you carried out without help for the first time. How did it go?",
            "What would you do the same or differently next time?",
          ),
        },
        {
          title: "A fresh pair of eyes",
          instructions: paragraphs(
            "As a newcomer you see things that others have stopped noticing. Is there anything here that seems unnecessarily complicated, unclear or could be done in a better way?",
            "Describe what you noticed and, if you have one, your idea for improving it. Tag the loop \"Idea for improvement\".",
          ),
        },
        {
          title: "Check-in after the first month",
          instructions: paragraphs(
            "Look back at your first month. What has gone well? What has been harder than you expected?",
            "What do you need more of from your mentor, your colleagues or your manager during the coming months?",
            "Pick the emoji that shows how you feel about the job right now.",
          ),
        },
      ],
    },
  },
  sv: {
    name: "Introduktion på arbetsplatsen",
    description:
      "De första veckorna på ett nytt jobb, i korta avstämningar mellan den nyanställda och handledaren: lära känna människor och rutiner, lära sig arbetet, fråga tidigt och säga vad som skulle hjälpa. Passar de flesta arbetsplatser, och även praktik (APL) och lärlingsutbildning.",
    content: {
      roleTitles: { leader: { en: "Mentor", sv: "Handledare" }, sender: { en: "Newcomer", sv: "Nyanställd" } },
      tags: [
        { name: "Lärde mig något nytt", colour: "green" },
        { name: "Träffade kollegor", colour: "teal" },
        { name: "Behöver mer information", colour: "orange" },
        { name: "Säkerhet", colour: "red" },
        { name: "Verktyg och system", colour: "blue" },
        { name: "Rutiner", colour: "grey" },
        { name: "Klarade det själv", colour: "purple" },
        { name: "Förbättringsidé", colour: "yellow" },
      ],
      tasks: [
        {
          title: "Min första dag",
          instructions: paragraphs(
            "Hur var din första dag? Välj den emoji som passar bäst, utan att tänka för länge.",
            "Skriv vad du gjorde, vilka du träffade och vad du lade märke till. Finns det något du saknade eller undrade över som ingen berättade?",
          ),
        },
        {
          title: "Vem gör vad här?",
          instructions: paragraphs(
            "Gör en enkel karta över personerna du arbetar med: namn, roller och vem du frågar om vad. Ett foto av en skiss för hand går bra.",
            "Vem skulle du vilja lära känna bättre, och varför?",
          ),
        },
        {
          title: "Säkerhet och regler jag behöver kunna",
          instructions: paragraphs(
            "Skriv ner de viktigaste säkerhetsreglerna och rutinerna på din arbetsplats: nödutgångar, vad du gör om något händer, skyddsutrustning, hur du rapporterar en olycka eller en risk.",
            "Är något oklart? Fråga här – din handledare svarar i tråden. Tagga loopen \"Säkerhet\".",
          ),
        },
        {
          title: "En arbetsuppgift jag lärde mig i veckan",
          instructions: paragraphs(
            "Beskriv en arbetsuppgift du har lärt dig den här veckan, steg för steg, som om du förklarade den för nästa nyanställda.",
            "Vilket steg var svårast? Vad hjälpte dig att lära dig det?",
          ),
        },
        {
          title: "Verktyg och system",
          instructions: paragraphs(
            "Vilka verktyg, maskiner eller datorsystem använder du i arbetet? Vilka hanterar du redan bra, och vilka behöver du öva mer på?",
            "Skriv en fråga om ett verktyg eller system som du vill ha svar på.",
          ),
        },
        {
          title: "Något jag klarade själv",
          instructions: paragraphs(
            "Berätta om en arbetsuppgift du utförde utan hjälp för första gången. Hur gick det?",
            "Vad skulle du göra likadant eller annorlunda nästa gång?",
          ),
        },
        {
          title: "Nya ögon",
          instructions: paragraphs(
            "Som ny ser du saker som andra har slutat lägga märke till. Finns det något här som verkar onödigt krångligt, otydligt eller som skulle kunna göras bättre?",
            "Beskriv vad du såg och, om du har en, din idé om hur det kan bli bättre. Tagga loopen \"Förbättringsidé\".",
          ),
        },
        {
          title: "Avstämning efter första månaden",
          instructions: paragraphs(
            "Blicka tillbaka på din första månad. Vad har gått bra? Vad har varit svårare än du trodde?",
            "Vad behöver du mer av från din handledare, dina kollegor eller din chef de kommande månaderna?",
            "Välj den emoji som visar hur du trivs med jobbet just nu.",
          ),
        },
      ],
    },
  },
};
